package io.parcelwatch.kpi;

/**
 * One thing that happened and counts towards the service-quality KPIs, at its own event time: a pickup,
 * a parcel's outcome (delivered, returned, lost), a stale-tracking episode, a complaint opened or
 * answered. Facts are small and rare next to scans (about two per parcel), which is what lets the
 * KPIs ride on the tracker's per-parcel decisions instead of keeping a second copy of its state.
 *
 * <p>{@code sign} is -1 for a retraction: a late scan that changes a finished parcel's outcome (a
 * failed attempt uploaded after the delivery, a lost parcel scanned again) takes the old contribution
 * back and adds the new one, so the windows it belongs to are rewritten.
 *
 * @param hubs        hubs the parcel passed, as {@code HUB@REGION} joined by commas (outcomes only)
 * @param region      region of the fact: pickup, final scan, stale scan or complaint region
 * @param originRegion region of the pickup (outcomes only; with {@code region}, the lane)
 * @param outletId    origin outlet for pickups, destination outlet for outcomes, the stale scan's outlet
 * @param facilityHub the hub a stale parcel was silent at, if it was at a hub
 * @param exceptions  distinct exception codes of the parcel, joined by commas (outcomes only)
 * @param lateStage   for a late delivery, the stage the parcel was in when its promise passed
 * @param reason      complaint reason (complaint facts only)
 * @param responseMinutes minutes from opening to first response (COMPLAINT_RESPONDED only)
 */
public record KpiFact(KpiFactKind kind, int sign, long time, String serviceLevel, String category, String region,
                      String originRegion, String outletId, String facilityHub, String hubs, boolean onTime, boolean damaged,
                      boolean firstAttempt, String method, boolean lockerWithoutConsent, String lateStage, String exceptions,
                      int scanGaps, int scanGapsWithinLimit, String reason, double responseMinutes) {

    public KpiFact retracted() {
        return new KpiFact(kind, -sign, time, serviceLevel, category, region, originRegion, outletId, facilityHub, hubs, onTime,
                damaged, firstAttempt, method, lockerWithoutConsent, lateStage, exceptions, scanGaps, scanGapsWithinLimit, reason,
                responseMinutes);
    }

    public static KpiFact pickup(long time, String serviceLevel, String category, String region, String outletId) {
        return new KpiFact(KpiFactKind.PICKED_UP, 1, time, serviceLevel, category, region, null, outletId, null, null, false,
                false, false, null, false, null, null, 0, 0, null, 0);
    }

    public static KpiFact stale(long time, String serviceLevel, String category, String region, String outletId, String hub) {
        return new KpiFact(KpiFactKind.STALE, 1, time, serviceLevel, category, region, null, outletId, hub, null, false,
                false, false, null, false, null, null, 0, 0, null, 0);
    }

    public static KpiFact complaintOpened(long time, String region, String reason) {
        return new KpiFact(KpiFactKind.COMPLAINT_OPENED, 1, time, null, null, region, null, null, null, null, false,
                false, false, null, false, null, null, 0, 0, reason, 0);
    }

    public static KpiFact complaintResponded(long time, String region, String reason, double responseMinutes) {
        return new KpiFact(KpiFactKind.COMPLAINT_RESPONDED, 1, time, null, null, region, null, null, null, null, false,
                false, false, null, false, null, null, 0, 0, reason, responseMinutes);
    }
}
