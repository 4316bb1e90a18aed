package io.parcelwatch.tracking;

import io.parcelwatch.alerts.HubMovement;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.AvroDecodeException;
import io.parcelwatch.io.deadletter.SourceRejections;
import io.parcelwatch.io.kafka.BacklogProbe;
import io.parcelwatch.io.kafka.KafkaRecord;
import io.parcelwatch.schema.ScanEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and validates scan records. Good ones go on as {@link ValidScan}; bad ones go to
 * {@link #DEAD_LETTERS} (an encoded dead letter with the reason and the original bytes) and are
 * counted per reason in the metric {@code deadLetters} (group {@code reason}). Never throws on input.
 */
public class ScanDecoder extends ProcessFunction<KafkaRecord, ValidScan> {
    public static final OutputTag<byte[]> DEAD_LETTERS = new OutputTag<>("scan-dead-letters", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    private static final Logger LOG = LoggerFactory.getLogger(ScanDecoder.class);
    static final String STAGE = "scan-decode";

    private final ScanValidator validator;
    private final String backlogBootstrapServers;
    private transient BacklogProbe backlog;
    private transient AvroCodec<ScanEvent> scans;
    private transient SourceRejections rejections;
    private transient Counter valid;

    /** A decoder that does not watch for a backlog (every scan counts as read live). */
    public ScanDecoder(ScanValidator validator) {
        this(validator, null);
    }

    /**
     * @param backlogBootstrapServers the brokers of the scans topic, to tell a backlog from live input
     *                                ({@link BacklogProbe}); null to take all input as live
     */
    public ScanDecoder(ScanValidator validator, String backlogBootstrapServers) {
        this.validator = validator;
        this.backlogBootstrapServers = backlogBootstrapServers;
    }

    @Override
    public void open(OpenContext context) {
        scans = AvroCodec.scanEvents();
        rejections = new SourceRejections(getRuntimeContext().getMetricGroup(), LOG, STAGE, "Scan record");
        valid = getRuntimeContext().getMetricGroup().counter("scansValid");
        if (backlogBootstrapServers != null) {
            var task = getRuntimeContext().getTaskInfo();
            try {
                backlog = new BacklogProbe(backlogBootstrapServers, "parcelwatch-backlog-probe-" + task.getIndexOfThisSubtask(),
                        BacklogProbe.DEFAULT_INTERVAL, BacklogProbe.DEFAULT_BEHIND_FOR, BacklogProbe.DEFAULT_MIN_RECORDS);
                getRuntimeContext().getMetricGroup().gauge("inputRecordsBehind", backlog::lag);
                getRuntimeContext().getMetricGroup().gauge("inputSecondsBehind", backlog::secondsBehind);
            } catch (RuntimeException e) {
                // Only the pace of status writes depends on it; scans are tracked all the same.
                LOG.warn("Cannot watch the scans topic for a backlog ({}); status writes keep the base flush interval "
                        + "while catching up. Check the Kafka client settings.", e.toString());
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (backlog != null) {
            backlog.close();
        }
        super.close();
    }

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<ValidScan> out) {
        if (backlog != null) {
            backlog.read(record.topic(), record.partition(), record.offset(), System.currentTimeMillis());
        }
        ScanEvent event;
        try {
            event = scans.decode(record.value());
        } catch (AvroDecodeException e) {
            reject(record, e.failure().name(), e.getMessage(), ctx);
            return;
        }
        ScanValidator.Problem problem = validator.check(event, System.currentTimeMillis());
        if (problem != null) {
            reject(record, problem.reason(), problem.message(), ctx);
            return;
        }
        valid.inc();
        out.collect(new ValidScan(event.getParcelId(), record.value(), backlog == null ? 0 : backlog.millisBehind()));
        HubMovement movement = HubMovement.of(event);
        if (movement != null) {
            ctx.output(HubMovement.OUTPUT, movement);
        }
    }

    private void reject(KafkaRecord record, String reason, String message, Context ctx) {
        ctx.output(DEAD_LETTERS, rejections.reject(record, reason, message));
    }
}
