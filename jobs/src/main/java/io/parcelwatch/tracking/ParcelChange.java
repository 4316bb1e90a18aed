package io.parcelwatch.tracking;

/**
 * A parcel's state after a change: what the status document is rendered from.
 *
 * @param seq   the state's change sequence; the document's external version
 * @param state the {@link io.parcelwatch.tracking.state.ParcelState} in its stored encoding (already
 *              made for the state backend, so passing it on costs no extra serialization)
 */
public record ParcelChange(String parcelId, long seq, byte[] state) {}
