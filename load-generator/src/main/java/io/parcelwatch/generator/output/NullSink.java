package io.parcelwatch.generator.output;

import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;

/** Discards events (to measure generation alone); optionally encodes them first, as the Kafka sink would. */
public final class NullSink implements EventSink {
    private final boolean encode;
    private final io.parcelwatch.io.AvroCodec<ScanEvent> scans = io.parcelwatch.io.AvroCodec.scanEvents();
    private final io.parcelwatch.io.AvroCodec<ComplaintEvent> complaints = io.parcelwatch.io.AvroCodec.complaintEvents();
    private long bytes;

    /** @param encode whether to encode each event to Avro bytes first (with the fast encoder the Kafka sink uses) */
    public NullSink(boolean encode) {
        this.encode = encode;
    }

    @Override
    public void scan(ScanEvent event, long arrivalTime) {
        if (encode) {
            bytes += scans.encode(event).length;
        }
    }

    private ScanEncoder encoder;

    @Override
    public void scan(io.parcelwatch.generator.sim.PendingScan scan, long arrivalTime) {
        if (!encode) {
            return;
        }
        if (encoder == null) {
            encoder = ScanEncoder.forSchemaOf(scan.factory(), scan);
            if (encoder == null) {
                throw new IllegalStateException("fast encoder unusable with this schema");
            }
        }
        bytes += encoder.encode(scan).length;
    }

    @Override
    public void complaint(ComplaintEvent event, long arrivalTime) {
        if (encode) {
            bytes += complaints.encode(event).length;
        }
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
    }

    @Override
    public String describe() {
        return encode ? "nowhere (events encoded to Avro, then discarded)" : "nowhere (events discarded)";
    }
}
