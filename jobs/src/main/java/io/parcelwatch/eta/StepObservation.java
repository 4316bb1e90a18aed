package io.parcelwatch.eta;

/**
 * One completed step of one parcel: what the learner learns from. A record of a string and primitives, so
 * that Flink serializes it as a POJO (no Kryo).
 *
 * @param key            {@link StepKey#asString()}, the learner's Flink key
 * @param startTime      event time the step started (epoch millis)
 * @param durationMillis how long it took
 */
public record StepObservation(String key, long startTime, long durationMillis) {

    public long endTime() {
        return startTime + durationMillis;
    }
}
