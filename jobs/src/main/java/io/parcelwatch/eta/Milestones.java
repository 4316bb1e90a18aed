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

    /** Whether a scan of this type at this facility is one of the fixed points (if it is the first such scan). */
    public static boolean marks(String type, String facilityId, List<String> plannedRoute) {
        return switch (type) {
            case "PICKED_UP", "OUT_FOR_DELIVERY" -> true;
            case "HUB_ARRIVED" -> !plannedRoute.isEmpty() && plannedRoute.get(plannedRoute.size() / 2).equals(facilityId);
            default -> false;
        };
    }

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
