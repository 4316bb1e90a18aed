package io.parcelwatch.complaints;

import io.parcelwatch.alerts.AlertMessage;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.kpi.KpiFact;
import io.parcelwatch.kpi.KpiSettings;
import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.AlertStatus;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Follows each complaint (keyed by complaint id) in event time. Emits its KPI facts (opened; answered,
 * with the response time) and raises COMPLAINT_DEADLINE a warning time before the response deadline of
 * a complaint nobody has answered, resolved by the answer. One event-time timer per complaint; its
 * state is dropped a retention after it is answered (or after its deadline, if it never is).
 *
 * <p>Events may arrive in any order: a response that comes before its opening is kept and counted
 * once the opening arrives. Duplicates (a second OPENED, a second RESPONDED) change nothing: the first
 * response stops the clock.
 */
public class ComplaintTracker extends KeyedProcessFunction<String, ValidComplaint, KpiFact> {
    public static final OutputTag<AlertMessage> ALERTS = new OutputTag<>("complaint-alerts", TypeInformation.of(AlertMessage.class));

    private final KpiSettings settings;
    private transient ValueState<ComplaintState> stored;
    private transient AvroCodec<ComplaintEvent> events;
    private transient AvroCodec<Alert> alerts;
    private transient Counter raised;
    private transient Counter resolved;

    public ComplaintTracker(KpiSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        stored = getRuntimeContext().getState(new ValueStateDescriptor<>("complaint", TypeInformation.of(ComplaintState.class)));
        events = AvroCodec.complaintEvents();
        alerts = AvroCodec.alerts();
        raised = getRuntimeContext().getMetricGroup().counter("complaintDeadlineAlertsRaised");
        resolved = getRuntimeContext().getMetricGroup().counter("complaintDeadlineAlertsResolved");
    }

    @Override
    public void processElement(ValidComplaint complaint, Context ctx, Collector<KpiFact> out) throws Exception {
        ComplaintEvent event = events.decode(complaint.avro()); // validated upstream
        ComplaintState state = stored.value();
        if (state == null) {
            state = new ComplaintState();
        }
        long time = event.getEventTime().toEpochMilli();
        if (event.getRegionId() != null && state.regionId == null) {
            state.regionId = event.getRegionId();
        }
        if (state.parcelId == null) {
            state.parcelId = event.getParcelId();
        }
        switch (event.getType()) {
            case OPENED -> {
                if (state.openedAt != null) {
                    return; // duplicate
                }
                state.openedAt = time;
                state.reason = event.getReason().name();
                state.deadline = event.getResponseDeadline() != null ? event.getResponseDeadline().toEpochMilli()
                        : time + settings.responseDeadline().toMillis();
                out.collect(KpiFact.complaintOpened(time, state.regionId, state.reason));
                if (state.respondedAt != null) {
                    out.collect(responded(state));
                }
            }
            case RESPONDED -> {
                if (state.respondedAt != null) {
                    return; // duplicate, or a later response: the first one stopped the clock
                }
                raiseIfItsWarningTimePassedFirst(state, time, ctx);
                state.respondedAt = time;
                if (state.openedAt != null) {
                    out.collect(responded(state));
                }
                resolve(state, time, ctx);
            }
            case CLOSED -> {
                if (state.closedAt != null) {
                    return;
                }
                raiseIfItsWarningTimePassedFirst(state, time, ctx);
                state.closedAt = time;
                resolve(state, time, ctx);
            }
            default -> throw new IllegalStateException("validated upstream: " + event.getType());
        }
        reschedule(state, ctx);
        stored.update(state);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiFact> out) throws Exception {
        ComplaintState state = stored.value();
        if (state == null || state.timer != timestamp) {
            return;
        }
        state.timer = 0;
        if (!state.answered() && !state.alertRaised && state.deadline != null && timestamp >= warnAt(state)) {
            raise(state, ctx);
        } else if (timestamp >= cleanupAt(state)) {
            stored.clear();
            return;
        }
        reschedule(state, ctx);
        stored.update(state);
    }

    /**
     * An answer that comes after the warning time proves, in event time, that the complaint was
     * unanswered then. The timer may not have fired yet (the answer was read ahead of the watermark,
     * e.g. while the scans catch up); raise what held, and the answer resolves it.
     */
    private void raiseIfItsWarningTimePassedFirst(ComplaintState state, long answeredAt, Context ctx) {
        if (!state.answered() && !state.alertRaised && state.deadline != null && answeredAt > warnAt(state)) {
            raise(state, ctx);
        }
    }

    private KpiFact responded(ComplaintState state) {
        return KpiFact.complaintResponded(state.respondedAt, state.regionId, state.reason,
                Math.max(0, state.respondedAt - state.openedAt) / 60_000.0);
    }

    private long warnAt(ComplaintState state) {
        return state.deadline - settings.deadlineWarning().toMillis();
    }

    /** A retention after the answer, or after the deadline if none came (its alert then stays raised). */
    private long cleanupAt(ComplaintState state) {
        long retention = settings.complaintRetention().toMillis();
        if (state.answered()) {
            long answeredAt = state.respondedAt != null ? state.respondedAt : state.closedAt;
            return answeredAt + retention;
        }
        return (state.deadline != null ? state.deadline : Long.MAX_VALUE - retention) + retention;
    }

    private void reschedule(ComplaintState state, Context ctx) {
        long next = !state.answered() && !state.alertRaised && state.deadline != null ? warnAt(state) : cleanupAt(state);
        if (next == state.timer) {
            return;
        }
        if (state.timer != 0) {
            ctx.timerService().deleteEventTimeTimer(state.timer);
        }
        ctx.timerService().registerEventTimeTimer(next);
        state.timer = next;
    }

    private void raise(ComplaintState state, Context ctx) {
        long at = warnAt(state);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("openedAt", Instant.ofEpochMilli(state.openedAt).toString());
        evidence.put("deadline", Instant.ofEpochMilli(state.deadline).toString());
        evidence.put("reason", state.reason);
        evidence.put("warningMinutes", Long.toString(settings.deadlineWarning().toMinutes()));
        Alert alert = base(state, ctx, AlertStatus.RAISED, at)
                .setSummary("complaint " + ctx.getCurrentKey() + " (" + state.reason.toLowerCase().replace('_', ' ')
                        + ") unanswered, response due by " + Instant.ofEpochMilli(state.deadline) + " (in "
                        + hours(settings.deadlineWarning()) + ")")
                .setEvidence(evidence)
                .build();
        state.alertRaised = true;
        state.alertRaisedAt = at;
        ctx.output(ALERTS, new AlertMessage(alert.getAlertId(), alerts.encode(alert)));
        raised.inc();
    }

    private void resolve(ComplaintState state, long at, Context ctx) {
        if (!state.alertRaised) {
            return;
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("raisedAt", Instant.ofEpochMilli(state.alertRaisedAt).toString());
        evidence.put("answeredAt", Instant.ofEpochMilli(at).toString());
        if (state.deadline != null) {
            evidence.put("deadline", Instant.ofEpochMilli(state.deadline).toString());
            evidence.put("answeredLate", Boolean.toString(at > state.deadline));
        }
        Alert alert = base(state, ctx, AlertStatus.RESOLVED, Math.max(at, state.alertRaisedAt))
                .setSummary("resolved: complaint " + ctx.getCurrentKey() + " answered")
                .setEvidence(evidence)
                .build();
        state.alertRaised = false;
        ctx.output(ALERTS, new AlertMessage(alert.getAlertId(), alerts.encode(alert)));
        resolved.inc();
    }

    private static Alert.Builder base(ComplaintState state, Context ctx, AlertStatus status, long at) {
        return Alert.newBuilder()
                .setAlertId(AlertKind.COMPLAINT_DEADLINE.name() + ":" + ctx.getCurrentKey())
                .setKind(AlertKind.COMPLAINT_DEADLINE).setStatus(status).setSeverity(Severity.WARNING)
                .setParcelId(state.parcelId).setComplaintId(ctx.getCurrentKey()).setRegionId(state.regionId)
                .setEventTime(Instant.ofEpochMilli(at)).setEmittedAt(Instant.now());
    }

    private static String hours(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fh", d.toMinutes() / 60.0);
    }
}
