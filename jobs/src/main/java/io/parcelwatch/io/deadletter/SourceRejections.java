package io.parcelwatch.io.deadletter;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.kafka.KafkaRecord;
import io.parcelwatch.schema.DeadLetter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;

/**
 * What a decoding operator does with a Kafka record it cannot use: count it per reason (metric
 * {@code deadLetters}, group {@code reason}), log the first few, and wrap it into a dead letter with
 * its coordinates and original bytes.
 */
public final class SourceRejections {
    private static final int LOGGED_PER_SUBTASK = 10;
    private final MetricGroup metrics;
    private final Logger log;
    private final String stage;
    private final String what;
    private final AvroCodec<DeadLetter> codec = AvroCodec.deadLetters();
    private final Map<String, Counter> byReason = new HashMap<>();
    private long logged;

    /** @param what the kind of record, for the log ("Scan record", "Complaint record") */
    public SourceRejections(MetricGroup metrics, Logger log, String stage, String what) {
        this.metrics = metrics;
        this.log = log;
        this.stage = stage;
        this.what = what;
    }

    /** The encoded dead letter for {@code record}, counted and (the first few) logged. */
    public byte[] reject(KafkaRecord record, String reason, String message) {
        byReason.computeIfAbsent(reason, r -> metrics.addGroup("reason", r).counter("deadLetters")).inc();
        if (logged++ < LOGGED_PER_SUBTASK) {
            log.warn("{} {}-{}@{} sent to the dead-letter topic: {} ({})", what, record.topic(), record.partition(),
                    record.offset(), reason, message);
        }
        DeadLetter letter = DeadLetters.fromSource(stage, reason, message, record.topic(), record.partition(), record.offset(),
                record.key(), record.value(), Instant.now());
        return codec.encode(letter);
    }
}
