package io.parcelwatch.kpi;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.parcelwatch.kpi.state.KpiCounts;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/** Adds facts to a window's {@link KpiCounts}; a retraction (sign -1) subtracts what its fact added. */
public final class KpiTally {
    /** The complaint-response target of the service standards (DOMAIN.md): answered within 24 hours. */
    static final double RESPONSE_TARGET_MINUTES = 24 * 60;

    private KpiTally() {}

    public static KpiCounts empty(String regionId) {
        return KpiCounts.newBuilder().setRegionId(regionId).build();
    }

    public static void add(KpiCounts c, KpiFact f) {
        long s = f.sign();
        c.setFacts(c.getFacts() + 1);
        c.setDirty(true);
        switch (f.kind()) {
            case PICKED_UP -> c.setPickedUp(c.getPickedUp() + s);
            case STALE -> c.setStaleTracking(c.getStaleTracking() + s);
            case DELIVERED -> {
                c.setDelivered(c.getDelivered() + s);
                if (f.onTime()) {
                    c.setDeliveredOnTime(c.getDeliveredOnTime() + s);
                }
                if (!f.damaged()) {
                    c.setDeliveredIntact(c.getDeliveredIntact() + s);
                }
                if (f.firstAttempt()) {
                    c.setFirstAttemptDelivered(c.getFirstAttemptDelivered() + s);
                }
                switch (f.method() == null ? "" : f.method()) {
                    case "DOOR" -> c.setDoorDeliveries(c.getDoorDeliveries() + s);
                    case "LOCKER" -> c.setLockerDeliveries(c.getLockerDeliveries() + s);
                    case "STATION" -> c.setStationDeliveries(c.getStationDeliveries() + s);
                    default -> { }
                }
                if (f.lockerWithoutConsent()) {
                    c.setLockerWithoutConsent(c.getLockerWithoutConsent() + s);
                }
                if (f.lateStage() != null) {
                    c.setLateByStage(plus(c.getLateByStage(), f.lateStage(), s));
                }
                addFinished(c, f, s);
            }
            case RETURNED -> {
                c.setReturned(c.getReturned() + s);
                addFinished(c, f, s);
            }
            case LOST -> {
                c.setLost(c.getLost() + s);
                addFinished(c, f, s);
            }
            case COMPLAINT_OPENED -> {
                c.setComplaintsOpened(c.getComplaintsOpened() + s);
                c.setComplaintsByReason(plus(c.getComplaintsByReason(), f.reason() == null ? "UNKNOWN" : f.reason(), s));
            }
            case COMPLAINT_RESPONDED -> {
                c.setComplaintsResponded(c.getComplaintsResponded() + s);
                c.setResponseMinutesSum(c.getResponseMinutesSum() + s * f.responseMinutes());
                if (f.responseMinutes() <= RESPONSE_TARGET_MINUTES) {
                    c.setRespondedWithin24h(c.getRespondedWithin24h() + s);
                }
                if (s > 0) { // complaint facts are never retracted; a sketch cannot take a value back
                    DDSketch sketch = sketch(c);
                    sketch.accept(Math.max(f.responseMinutes(), 0.0));
                    c.setResponseSketch(ByteBuffer.wrap(ResponseSketches.encode(sketch)));
                }
            }
        }
    }

    private static void addFinished(KpiCounts c, KpiFact f, long s) {
        if (f.damaged()) {
            c.setDamaged(c.getDamaged() + s);
        }
        c.setScanGaps(c.getScanGaps() + s * f.scanGaps());
        c.setScanGapsWithinLimit(c.getScanGapsWithinLimit() + s * f.scanGapsWithinLimit());
        if (f.exceptions() != null) {
            Map<String, Long> codes = c.getExceptionsByCode();
            for (String code : f.exceptions().split(",")) {
                codes = plus(codes, code, s);
            }
            c.setExceptionsByCode(codes);
        }
    }

    /** The response-time sketch of the window (empty if none yet). */
    public static DDSketch sketch(KpiCounts c) {
        byte[] bytes = sketchBytes(c);
        return bytes == null ? ResponseSketches.empty() : ResponseSketches.decode(bytes);
    }

    /** The window's encoded response-time sketch ({@link ResponseSketches}), or null if none yet. */
    public static byte[] sketchBytes(KpiCounts c) {
        if (c.getResponseSketch() == null) {
            return null;
        }
        ByteBuffer buffer = c.getResponseSketch().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static Map<String, Long> plus(Map<String, Long> counts, String name, long s) {
        Map<String, Long> next = new HashMap<>(counts);
        long value = next.getOrDefault(name, 0L) + s;
        if (value == 0) {
            next.remove(name);
        } else {
            next.put(name, value);
        }
        return next;
    }
}
