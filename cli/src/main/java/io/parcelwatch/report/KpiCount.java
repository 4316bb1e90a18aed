package io.parcelwatch.report;

/**
 * The counts of a KPI document (deploy/elasticsearch/kpi.index-template.json). Counts add up over documents;
 * every rate of a period is recomputed from the summed counts, never averaged from the documents' rates.
 */
public enum KpiCount {
    FACTS("facts"),
    PICKED_UP("pickedUp"),
    DELIVERED("delivered"),
    DELIVERED_ON_TIME("deliveredOnTime"),
    DELIVERED_INTACT("deliveredIntact"),
    DAMAGED("damaged"),
    LOST("lost"),
    RETURNED("returned"),
    FIRST_ATTEMPT_DELIVERED("firstAttemptDelivered"),
    DOOR_DELIVERIES("doorDeliveries"),
    LOCKER_DELIVERIES("lockerDeliveries"),
    STATION_DELIVERIES("stationDeliveries"),
    LOCKER_WITHOUT_CONSENT("lockerWithoutConsent"),
    STALE_TRACKING("staleTracking"),
    SCAN_GAPS("scanGaps"),
    SCAN_GAPS_WITHIN_LIMIT("scanGapsWithinLimit"),
    COMPLAINTS_OPENED("complaintsOpened"),
    COMPLAINTS_RESPONDED("complaintsResponded"),
    RESPONDED_WITHIN_24H("respondedWithin24h");

    private final String field;

    KpiCount(String field) {
        this.field = field;
    }

    /** The document field that holds it. */
    public String field() {
        return field;
    }
}
