package io.parcelwatch.alerts;

/**
 * The hub a parcel is in, as {@link HubLossParcelLink} remembers it (one value per parcel, only while the
 * parcel is in a hub). A Flink POJO.
 *
 * @param hubId      the hub
 * @param regionId   its region
 * @param arrivedAt  event time of the arrival there
 * @param lastSeenAt latest event time of a scan there (arrival, held...)
 * @param timer      the clean-up timer registered for this stay
 */
public record HubLossStay(String hubId, String regionId, long arrivedAt, long lastSeenAt, long timer) {}
