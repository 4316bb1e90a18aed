package io.parcelwatch.tracking;

import io.parcelwatch.eta.Forecast;

/**
 * A parcel's state to show: what the status document is rendered from. Its change sequence (the
 * document's external version) is inside the state; the tracker passes the bytes on without decoding
 * them, and the sink decodes them once to render the document.
 *
 * @param state    the {@link io.parcelwatch.tracking.state.ParcelState} in its stored encoding (already
 *                 made for the state backend, so passing it on costs no extra serialization)
 * @param forecast the predicted delivery ({@link io.parcelwatch.eta.DeliveryForecaster}), null until predicted
 * @param forecastOnly a scan reached a fixed point of the journey (pickup, halfway hub, out for delivery) or ended
 *                 it while its status write waits for the flush interval: the forecaster predicts now, with the
 *                 model as it is now (or stops its promise timer), but nothing is written (the pending write shows it)
 */
public record ParcelChange(String parcelId, byte[] state, Forecast forecast, boolean forecastOnly) {
    public ParcelChange(String parcelId, byte[] state) {
        this(parcelId, state, null, false);
    }

    public static ParcelChange forForecastOnly(String parcelId, byte[] state) {
        return new ParcelChange(parcelId, state, null, true);
    }

    public ParcelChange withForecast(Forecast newForecast) {
        return new ParcelChange(parcelId, state, newForecast, forecastOnly);
    }
}
