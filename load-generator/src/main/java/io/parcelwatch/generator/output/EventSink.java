package io.parcelwatch.generator.output;

import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;

/**
 * Where generated or replayed events go. Calls come from one thread, in arrival order; a sink may
 * hand events to other threads as long as each parcel's (and each complaint's) events keep their order.
 */
public interface EventSink extends AutoCloseable {
    /**
     * @param event       the scan
     * @param arrivalTime simulated time (epoch millis) at which the event reaches the platform: its event
     *                    time, or later for late uploads, duplicates and corrections
     */
    void scan(ScanEvent event, long arrivalTime);

    /**
     * A scan described by its parcel's plan. By default the sink gets the Avro record; sinks that can
     * encode straight from the plan (Kafka) override this. The argument is valid during the call only.
     */
    default void scan(io.parcelwatch.generator.sim.PendingScan scan, long arrivalTime) {
        scan(scan.toRecord(), arrivalTime);
    }

    void complaint(ComplaintEvent event, long arrivalTime);

    /** Fails if an earlier asynchronous write failed; called regularly by the producer loop. */
    default void check() {
    }

    /** Flushes and releases everything; throws if anything could not be written. */
    @Override
    void close();

    /** Where the events go, for people. */
    String describe();
}
