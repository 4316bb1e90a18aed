package io.parcelwatch.tracking;

/**
 * A parcel's state to show: what the status document is rendered from. Its change sequence (the
 * document's external version) is inside the state; the tracker passes the bytes on without decoding
 * them, and the sink decodes them once to render the document.
 *
 * @param state the {@link io.parcelwatch.tracking.state.ParcelState} in its stored encoding (already
 *              made for the state backend, so passing it on costs no extra serialization)
 */
public record ParcelChange(String parcelId, byte[] state) {}
