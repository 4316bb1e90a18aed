package io.parcelwatch.tracking;

/**
 * A parcel's state to show: what the status document is rendered from. Its change sequence (the
 * document's external version) is inside the state; the tracker passes the bytes on without decoding
 * them, and the forecaster decodes them once to predict and render the document ({@link StatusDocument}).
 *
 * @param state    the {@link io.parcelwatch.tracking.state.ParcelState} in its stored encoding (already
 *                 made for the state backend, so passing it on costs no extra serialization)
 * @param forecastOnly a scan reached a fixed point of the journey (pickup, halfway hub, out for delivery) or ended
 *                 it while its status write waits for the flush interval: the forecaster predicts now, with the
 *                 model as it is now (or stops its promise timer), but nothing is written (the pending write shows it)
 */
public record ParcelChange(String parcelId, byte[] state, boolean forecastOnly) {
    public ParcelChange(String parcelId, byte[] state) {
        this(parcelId, state, false);
    }

    public static ParcelChange forForecastOnly(String parcelId, byte[] state) {
        return new ParcelChange(parcelId, state, true);
    }
}
