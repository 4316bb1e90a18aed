package io.parcelwatch.eta;

import io.parcelwatch.tracking.state.Scan;
import java.util.List;

/**
 * The fixed points of a journey at which predictions are kept for scoring: the pickup, the halfway hub of
 * the planned route (the first arrival at hub {@code size / 2}: the only hub of a one-hub route, the second
 * of two, the middle of three) and going out for delivery. Each is the first such scan by event time.
 */
public enum Milestones {
    PICKUP, HALFWAY, OUT_FOR_DELIVERY;

    /** The scan that reached this point, or null. */
    public Scan in(List<Scan> scans, List<String> plannedRoute) {
        for (Scan scan : scans) {
            boolean reached = switch (this) {
                case PICKUP -> "PICKED_UP".equals(scan.getType());
                case HALFWAY -> !plannedRoute.isEmpty() && "HUB_ARRIVED".equals(scan.getType())
                        && plannedRoute.get(plannedRoute.size() / 2).equals(scan.getFacilityId());
                case OUT_FOR_DELIVERY -> "OUT_FOR_DELIVERY".equals(scan.getType());
            };
            if (reached) {
                return scan;
            }
        }
        return null;
    }
}
