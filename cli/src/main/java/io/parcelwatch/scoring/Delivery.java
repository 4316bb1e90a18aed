package io.parcelwatch.scoring;

import java.time.Instant;
import java.util.Map;

/**
 * What the prediction score needs of one parcel's status document (see {@link DeliveryReader} for the
 * document contract).
 *
 * @param parcelId     the parcel number
 * @param serviceLevel its service level, or null
 * @param promisedAt   the promised delivery time, or null
 * @param deliveredAt  the event time of its DELIVERED scan, or null if not delivered
 * @param snapshots    the predictions kept at the journey points it reached (complete ones only)
 * @param incomplete   snapshots in the document that lacked a required field and were left out
 */
public record Delivery(String parcelId, String serviceLevel, Instant promisedAt, Instant deliveredAt,
                       Map<Point, Snapshot> snapshots, int incomplete) {

    public Delivery {
        snapshots = Map.copyOf(snapshots);
    }

    /** The fixed points of the journey at which the tracker keeps the prediction it had then. */
    public enum Point {
        /** The PICKED_UP scan. */
        PICKUP("pickup", "pickup"),
        /** The first HUB_ARRIVED at the planned route's hub {@code size / 2}. */
        HALFWAY("halfway", "halfway"),
        /** The first OUT_FOR_DELIVERY scan. */
        OUT_FOR_DELIVERY("outForDelivery", "out for delivery");

        private final String field;
        private final String label;

        Point(String field, String label) {
            this.field = field;
            this.label = label;
        }

        /** The key under {@code predictionsAt} in the status document. */
        public String field() {
            return field;
        }

        /** For people. */
        public String label() {
            return label;
        }
    }

    /**
     * The prediction made when the parcel reached a point.
     *
     * @param at              event time of the scan that reached the point
     * @param p10             10% of deliveries are expected earlier
     * @param p50             the most likely (median) delivery time
     * @param p90             90% of deliveries are expected earlier
     * @param lateProbability probability of delivery after the promise, 0..1
     */
    public record Snapshot(Instant at, Instant p10, Instant p50, Instant p90, double lateProbability) {
    }
}
