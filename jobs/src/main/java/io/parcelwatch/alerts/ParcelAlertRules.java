package io.parcelwatch.alerts;

import io.parcelwatch.config.ColdChain;
import io.parcelwatch.config.StageLimits;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.Severity;
import io.parcelwatch.tracking.ParcelTimeline;
import io.parcelwatch.tracking.Stage;
import io.parcelwatch.tracking.state.ParcelState;
import io.parcelwatch.tracking.state.Scan;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parcel-level alert conditions, as pure functions of a parcel's state and the current event time
 * (the watermark). The tracker compares what holds now with what it has raised before, and raises or
 * resolves the difference.
 */
public record ParcelAlertRules(StageLimits limits, ColdChain coldChain) implements Serializable {

    /** Every condition that holds at event time {@code now}. */
    public List<Condition> evaluate(ParcelTimeline timeline, long now) {
        List<Condition> holding = new ArrayList<>(2);
        ParcelState state = timeline.state();
        Scan stageScan = timeline.stageScan();
        Stage stage = timeline.stage();
        Scan last = timeline.lastScan();

        if (stage == Stage.LOST) {
            holding.add(condition(AlertKind.LOST, Severity.CRITICAL, stageScan.getTime(), stageScan.getTime(), stageScan,
                    "reported lost at " + stageScan.getFacilityId(), Map.of("reportedBy", "EXCEPTION")));
        } else if (stage != null && !stage.isFinal() && last != null) {
            Duration limit = limits.limit(stage, state.getServiceLevel(), state.getCategory());
            Duration lostAfter = limits.lostAfter(stage, state.getServiceLevel(), state.getCategory());
            long silentFor = elapsed(last.getTime(), now);
            if (limit != null && silentFor >= limit.toMillis()) {
                holding.add(condition(AlertKind.STALE_TRACKING, Severity.WARNING, last.getTime(), last.getTime() + limit.toMillis(),
                        last, "no scan for " + hours(silentFor) + " in stage " + stage + " (limit " + hours(limit.toMillis()) + ")",
                        silence(stage, last, silentFor, limit)));
            }
            if (lostAfter != null && silentFor >= lostAfter.toMillis()) {
                holding.add(condition(AlertKind.LOST, Severity.CRITICAL, last.getTime(), last.getTime() + lostAfter.toMillis(),
                        last, "presumed lost: no scan for " + hours(silentFor) + " since " + last.getFacilityId(),
                        silence(stage, last, silentFor, lostAfter)));
            }
        }

        Scan damage = timeline.first(ScanType.EXCEPTION, "DAMAGED");
        if (damage != null) {
            holding.add(condition(AlertKind.DAMAGED, Severity.CRITICAL, damage.getTime(), damage.getTime(), damage,
                    "damaged at " + damage.getFacilityId() + ": priority claim", Map.of("priorityClaim", "true")));
        }

        if (stage == Stage.DELIVERED && state.getDoorDeliveryRequested()) {
            String method = stageScan.getDetail();
            if (method != null && (method.equals("LOCKER") || method.equals("STATION"))) {
                holding.add(condition(AlertKind.LOCKER_WITHOUT_CONSENT, Severity.WARNING, stageScan.getTime(), stageScan.getTime(),
                        stageScan, "door delivery requested, put in a " + method.toLowerCase() + " without consent",
                        Map.of("deliveryMethod", method, "doorDeliveryRequested", "true")));
            }
        }

        Long outSince = state.getOutOfRangeSince();
        if (outSince != null && coldChain.isColdChain(state.getCategory())) {
            // Proven by the readings themselves (last out-of-range reading, or the in-range one that ended
            // the run), or by the watermark passing while the last reading was out of range.
            Long until = state.getOutOfRangeUntil();
            long provenUntil = until != null ? until : Math.max(state.getOutOfRangeLast(), now);
            if (elapsed(outSince, provenUntil) >= coldChain.tolerance().toMillis()) {
                Map<String, String> evidence = new LinkedHashMap<>();
                evidence.put("outOfRangeSince", Instant.ofEpochMilli(outSince).toString());
                if (until != null) {
                    evidence.put("backInRangeAt", Instant.ofEpochMilli(until).toString());
                }
                evidence.put("lastTemperatureC", String.valueOf(state.getLastTemperature()));
                evidence.put("toleranceMinutes", String.valueOf(coldChain.tolerance().toMinutes()));
                holding.add(condition(AlertKind.COLD_CHAIN_EXCURSION, Severity.CRITICAL, outSince,
                        outSince + coldChain.tolerance().toMillis(), last,
                        state.getCategory().toLowerCase() + " parcel outside its temperature range since "
                                + Instant.ofEpochMilli(outSince), evidence));
            }
        }
        return holding;
    }

    /**
     * The next event time at which a time-based condition that does not hold yet could start to hold,
     * or {@link Long#MAX_VALUE}: the one timer the tracker keeps per parcel.
     */
    public long nextDeadline(ParcelTimeline timeline, long now) {
        long next = Long.MAX_VALUE;
        ParcelState state = timeline.state();
        Stage stage = timeline.stage();
        Scan last = timeline.lastScan();
        if (stage != null && !stage.isFinal() && last != null) {
            for (Duration d : new Duration[] {limits.limit(stage, state.getServiceLevel(), state.getCategory()),
                    limits.lostAfter(stage, state.getServiceLevel(), state.getCategory())}) {
                if (d != null && last.getTime() + d.toMillis() > now) {
                    next = Math.min(next, last.getTime() + d.toMillis());
                }
            }
        }
        Long outSince = state.getOutOfRangeSince();
        if (outSince != null && state.getOutOfRangeUntil() == null && coldChain.isColdChain(state.getCategory())) {
            long due = outSince + coldChain.tolerance().toMillis();
            if (due > now) {
                next = Math.min(next, due);
            }
        }
        return next;
    }

    /** now − since, or 0 when now is earlier (or is the initial watermark, Long.MIN_VALUE, where a subtraction would overflow). */
    private static long elapsed(long since, long now) {
        return now <= since ? 0 : now - since;
    }

    private static Condition condition(AlertKind kind, Severity severity, long since, long trueAt, Scan at,
                                       String summary, Map<String, String> evidence) {
        return new Condition(kind, severity, since, trueAt, at == null ? null : at.getFacilityId(),
                at == null ? null : at.getRegionId(), summary, evidence);
    }

    private static Map<String, String> silence(Stage stage, Scan last, long silentFor, Duration limit) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("stage", stage.name());
        evidence.put("lastScanTime", Instant.ofEpochMilli(last.getTime()).toString());
        evidence.put("lastScanType", last.getType());
        evidence.put("lastScanFacility", String.valueOf(last.getFacilityId()));
        evidence.put("silentForMinutes", Long.toString(silentFor / 60_000));
        evidence.put("limitMinutes", Long.toString(limit.toMinutes()));
        return evidence;
    }

    private static String hours(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1fh", millis / 3_600_000.0);
    }
}
