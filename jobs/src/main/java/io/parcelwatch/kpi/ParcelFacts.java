package io.parcelwatch.kpi;

import io.parcelwatch.config.StageLimits;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.tracking.ParcelTimeline;
import io.parcelwatch.tracking.Stage;
import io.parcelwatch.tracking.state.OpenAlert;
import io.parcelwatch.tracking.state.ParcelState;
import io.parcelwatch.tracking.state.Scan;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The KPI facts of one parcel, read off the tracker's state. Pure functions: the tracker calls them
 * before and after a change and emits the difference.
 */
public record ParcelFacts(StageLimits limits) implements Serializable {

    /** A pickup at {@code time}, at {@code facilityId} in {@code regionId} (from the scan). */
    public KpiFact pickup(ParcelState state, long time, String facilityId, String regionId) {
        return KpiFact.pickup(time, state.getServiceLevel(), state.getCategory(), regionId,
                facilityId != null ? facilityId : state.getOriginFacilityId());
    }

    /** A stale-tracking episode that started at {@code since}, silent at {@code facilityId}. */
    public KpiFact stale(ParcelState state, long since, String facilityId, String regionId) {
        boolean atHub = facilityId != null && state.getPlannedRoute().contains(facilityId);
        String outlet = facilityId != null && (facilityId.equals(state.getOriginFacilityId())
                || facilityId.equals(state.getDestinationFacilityId())) ? facilityId : null;
        return KpiFact.stale(since, state.getServiceLevel(), state.getCategory(), regionId, outlet, atHub ? facilityId : null);
    }

    /**
     * The parcel's outcome if it has one (delivered, returned, or lost: reported lost, or presumed lost
     * by an open LOST alert), else null.
     */
    public KpiFact outcome(ParcelTimeline timeline) {
        ParcelState state = timeline.state();
        Stage stage = timeline.stage();
        Scan at = timeline.stageScan();
        KpiFactKind kind;
        long time;
        if (stage == Stage.DELIVERED || stage == Stage.RETURNED) {
            kind = stage == Stage.DELIVERED ? KpiFactKind.DELIVERED : KpiFactKind.RETURNED;
            time = at.getTime();
        } else if (stage == Stage.LOST) {
            kind = KpiFactKind.LOST;
            time = at.getTime();
        } else {
            OpenAlert lost = openLost(state);
            if (lost == null) {
                return null;
            }
            kind = KpiFactKind.LOST;
            time = lost.getRaisedAt();
            at = timeline.lastScan();
        }
        boolean delivered = kind == KpiFactKind.DELIVERED;
        Long promised = state.getPromisedAt();
        boolean onTime = delivered && promised != null && time <= promised;
        String method = delivered ? at.getDetail() : null;
        boolean withoutConsent = delivered && state.getDoorDeliveryRequested() && ("LOCKER".equals(method) || "STATION".equals(method));
        String lateStage = delivered && promised != null && time > promised ? stageAt(timeline, promised) : null;
        Scan pickup = timeline.first(ScanType.PICKED_UP, null);
        String region = at == null ? null : at.getRegionId();
        int[] gaps = scanGaps(state);
        return new KpiFact(kind, 1, time, state.getServiceLevel(), state.getCategory(), region,
                pickup == null ? null : pickup.getRegionId(), state.getDestinationFacilityId(), null, hubs(state),
                onTime, timeline.first(ScanType.EXCEPTION, "DAMAGED") != null,
                delivered && timeline.first(ScanType.DELIVERY_FAILED, null) == null, method, withoutConsent, lateStage,
                exceptions(state), gaps[0], gaps[1], null, 0);
    }

    private static OpenAlert openLost(ParcelState state) {
        for (OpenAlert alert : state.getOpenAlerts()) {
            if (alert.getKind().equals(AlertKind.LOST.name())) {
                return alert;
            }
        }
        return null;
    }

    /** The stage the parcel was in at {@code time} (the latest stage-bearing scan at or before it). */
    private static String stageAt(ParcelTimeline timeline, long time) {
        Stage stage = Stage.CREATED;
        for (Scan scan : timeline.state().getScans()) {
            if (scan.getTime() > time) {
                break;
            }
            Stage s = Stage.of(ScanType.valueOf(scan.getType()), scan.getDetail());
            if (s != null) {
                stage = s;
            }
        }
        return stage.name();
    }

    private static String hubs(ParcelState state) {
        Set<String> hubs = new LinkedHashSet<>();
        for (Scan scan : state.getScans()) {
            if ((scan.getType().equals("HUB_ARRIVED") || scan.getType().equals("HUB_DEPARTED")) && scan.getFacilityId() != null) {
                hubs.add(scan.getFacilityId() + "@" + (scan.getRegionId() == null ? "" : scan.getRegionId()));
            }
        }
        return hubs.isEmpty() ? null : String.join(",", hubs);
    }

    private static String exceptions(ParcelState state) {
        Set<String> codes = new LinkedHashSet<>();
        for (Scan scan : state.getScans()) {
            if (scan.getType().equals("EXCEPTION") && scan.getDetail() != null) {
                codes.add(scan.getDetail());
            } else if (scan.getType().equals("DELIVERY_FAILED")) {
                codes.add("FAILED_ATTEMPT");
            }
        }
        return codes.isEmpty() ? null : String.join(",", codes);
    }

    /**
     * Tracking freshness: of the gaps between consecutive stage-bearing scans, how many were within the
     * stale limit of the stage the parcel was in. {[gaps, within]}
     */
    private int[] scanGaps(ParcelState state) {
        int gaps = 0;
        int within = 0;
        Scan previous = null;
        Stage previousStage = null;
        for (Scan scan : state.getScans()) {
            Stage stage = Stage.of(ScanType.valueOf(scan.getType()), scan.getDetail());
            if (stage == null) {
                continue;
            }
            if (previous != null) {
                Duration limit = limits.limit(previousStage, state.getServiceLevel(), state.getCategory());
                if (limit != null) {
                    gaps++;
                    if (scan.getTime() - previous.getTime() <= limit.toMillis()) {
                        within++;
                    }
                }
            }
            previous = scan;
            previousStage = stage;
        }
        return new int[] {gaps, within};
    }
}
