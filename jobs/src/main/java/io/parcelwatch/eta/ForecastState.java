package io.parcelwatch.eta;

/**
 * What the forecaster keeps per in-flight parcel (keyed state, a Flink POJO so fields can be added): the
 * journey it last predicted (to predict again when time passes without a scan), the predictions made at the
 * journey's fixed points, and its PREDICTED_DELAY alert.
 *
 * @param remainingSteps   {@link StepKey#asString()} of the steps left, current first
 * @param currentStartedAt when the current step started ({@link RemainingJourney#NOT_STARTED} if none)
 * @param promisedAt       the promised delivery time, {@link DeliveryPredictor#NO_PROMISE} if unknown
 * @param facilityId       where the parcel was last scanned (for the alert)
 * @param regionId         that facility's region
 * @param openAlertId      the raised, unresolved PREDICTED_DELAY alert's id, or null
 * @param alertRaisedAt    event time it was raised
 * @param episodes         how many PREDICTED_DELAY alerts this parcel has had (part of the stable id)
 * @param timer            the one event-time timer to predict again, 0 if none
 */
public record ForecastState(String[] remainingSteps, long currentStartedAt, long promisedAt, String facilityId, String regionId,
                            Prediction atPickup, Prediction atHalfway, Prediction atOutForDelivery,
                            String openAlertId, long alertRaisedAt, int episodes, long timer) {

    public ForecastState withTimer(long newTimer) {
        return new ForecastState(remainingSteps, currentStartedAt, promisedAt, facilityId, regionId, atPickup, atHalfway,
                atOutForDelivery, openAlertId, alertRaisedAt, episodes, newTimer);
    }

    /** With a PREDICTED_DELAY alert raised (id and time, its episode counted) or, with a null id, resolved. */
    public ForecastState withAlert(String alertId, long raisedAt, int newEpisodes) {
        return new ForecastState(remainingSteps, currentStartedAt, promisedAt, facilityId, regionId, atPickup, atHalfway,
                atOutForDelivery, alertId, raisedAt, newEpisodes, timer);
    }
}
