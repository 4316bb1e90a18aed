package io.parcelwatch.complaints;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.AvroDecodeException;
import io.parcelwatch.io.deadletter.SourceRejections;
import io.parcelwatch.io.kafka.KafkaRecord;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ComplaintEventType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and validates complaint records. Bad ones (undecodable, no complaint id, unknown type, a
 * deadline before the opening) go to {@link #DEAD_LETTERS} with the reason, counted per reason; the job
 * never fails on them.
 */
public class ComplaintDecoder extends ProcessFunction<KafkaRecord, ValidComplaint> {
    public static final OutputTag<byte[]> DEAD_LETTERS = new OutputTag<>("complaint-dead-letters", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    private static final Logger LOG = LoggerFactory.getLogger(ComplaintDecoder.class);
    static final String STAGE = "complaint-decode";

    private transient AvroCodec<ComplaintEvent> complaints;
    private transient SourceRejections rejections;
    private transient Counter valid;

    @Override
    public void open(OpenContext context) {
        complaints = AvroCodec.complaintEvents();
        rejections = new SourceRejections(getRuntimeContext().getMetricGroup(), LOG, STAGE, "Complaint record");
        valid = getRuntimeContext().getMetricGroup().counter("complaintsValid");
    }

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<ValidComplaint> out) {
        ComplaintEvent event;
        try {
            event = complaints.decode(record.value());
        } catch (AvroDecodeException e) {
            ctx.output(DEAD_LETTERS, rejections.reject(record, e.failure().name(), e.getMessage()));
            return;
        }
        String problem = problem(event);
        if (problem != null) {
            ctx.output(DEAD_LETTERS, rejections.reject(record, problem, problem.toLowerCase().replace('_', ' ')
                    + " in complaint event " + event.getEventId()));
            return;
        }
        valid.inc();
        out.collect(new ValidComplaint(event.getComplaintId(), record.value()));
    }

    static String problem(ComplaintEvent event) {
        if (event.getComplaintId() == null || event.getComplaintId().isBlank() || event.getEventId() == null
                || event.getEventId().isBlank()) {
            return "MISSING_ID";
        }
        if (event.getType() == ComplaintEventType.UNKNOWN) {
            return "UNKNOWN_TYPE";
        }
        if (event.getResponseDeadline() != null && event.getResponseDeadline().isBefore(event.getEventTime())) {
            return "IMPOSSIBLE_TIME";
        }
        return null;
    }
}
