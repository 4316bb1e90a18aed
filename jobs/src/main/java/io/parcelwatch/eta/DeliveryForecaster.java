package io.parcelwatch.eta;

import io.parcelwatch.alerts.AlertMessage;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.AlertStatus;
import io.parcelwatch.schema.Severity;
import io.parcelwatch.tracking.ParcelChange;
import io.parcelwatch.tracking.ParcelDocument;
import io.parcelwatch.tracking.StatusDocument;
import io.parcelwatch.tracking.state.ParcelState;
import io.parcelwatch.tracking.state.Scan;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Predicts each parcel's delivery time from the learned step durations, puts the prediction on its way to the
 * status document, and raises PREDICTED_DELAY while the parcel can still be helped. Keyed by parcel; the model
 * comes in as broadcast state ({@link ModelBroadcast}).
 *
 * <p>Why downstream of the tracker and not inside it: the model is learned from the steps the tracker sees
 * complete, and a Flink job has no cycles, so the operator that reads the model cannot be the one that feeds
 * it. Broadcast rather than a keyed lookup, because one prediction needs every remaining step's summary
 * (a lookup would be a round trip per step) and the whole model is small (a summary per hub, lane and outlet).
 * The price is one more small state per in-flight parcel: the journey last predicted, the predictions at the
 * journey's fixed points and its alert; it is cleared when the parcel's journey ends.
 *
 * <p>The prediction is made whenever the tracker writes the parcel's status (at most once per flush interval)
 * and once more by an event-time timer at the promise, for a parcel that has not been delivered by then. A fixed point passed between two writes (the tracker gathers writes while catching up) is predicted
 * as of its scan, from the scans up to it, with the model as it is at the write.
 */
public class DeliveryForecaster extends KeyedBroadcastProcessFunction<String, ParcelChange, ModelUpdate, StatusDocument> {
    public static final OutputTag<AlertMessage> ALERTS = new OutputTag<>("delay-alerts", TypeInformation.of(AlertMessage.class));
    public static final String STATE_NAME = "forecast";
    /**
     * Silence shorter than this is no evidence: handhelds upload scans hours late (up to 3 h in the
     * generator's default disorder), so a parcel not delivered at its promise may have been. The promise
     * timer fires this long after the promise, and its prediction takes the parcel as last seen this long
     * before the timer.
     */
    static final long SILENCE_HEADROOM_MILLIS = 3 * 3_600_000L;
    static final long TIMER_BUCKET_MILLIS = 600_000L;
    /** Predictions made (at writes, at fixed points of the journey, at the promise timer). */
    public static final String METRIC_PREDICTIONS = "deliveryPredictions";
    /**
     * CPU time of the forecaster's thread spent in them, in nanoseconds: divided by {@link #METRIC_PREDICTIONS}, what one
     * prediction costs in the running job, where the model, the timetables and the draw tables compete for the CPU caches
     * with everything else and the summaries change as the model learns (a micro-benchmark of one journey cannot tell
     * that). CPU time rather than wall time: on a busy machine the thread waits for a core in the middle of a prediction,
     * which measured four to five times its CPU time on two cores. Stays 0 where the JVM cannot read a thread's CPU time.
     */
    public static final String METRIC_PREDICTION_CPU_NANOS = "deliveryPredictionCpuNanos";

    private final EtaSettings settings;
    private transient ValueState<ForecastState> stored;
    private transient DeliveryPredictor predictor;
    private transient JourneySteps steps;
    private transient AvroCodec<ParcelState> stateCodec;
    private transient AvroCodec<Alert> alertCodec;
    private transient Counter predictions;
    private transient Counter predictionCpuNanos;
    private transient ThreadMXBean cpuClock;
    private transient Counter raised;
    private transient Counter resolved;

    public DeliveryForecaster(EtaSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        stored = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, TypeInformation.of(ForecastState.class)));
        predictor = settings.predictor();
        steps = new JourneySteps(settings.bands(), settings.priors().rounds(), settings.priors().departures());
        stateCodec = AvroCodec.of(ParcelState.class);
        alertCodec = AvroCodec.alerts();
        var metrics = getRuntimeContext().getMetricGroup();
        predictions = metrics.counter(METRIC_PREDICTIONS);
        predictionCpuNanos = metrics.counter(METRIC_PREDICTION_CPU_NANOS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        cpuClock = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled() ? threads : null;
        raised = metrics.counter("delayAlertsRaised");
        resolved = metrics.counter("delayAlertsResolved");
    }

    @Override
    public void processBroadcastElement(ModelUpdate update, Context ctx, Collector<StatusDocument> out) throws Exception {
        BroadcastState<String, StepSummary> model = ctx.getBroadcastState(ModelBroadcast.MODEL);
        ModelBroadcast.apply(model, update);
    }

    @Override
    public void processElement(ParcelChange change, ReadOnlyContext ctx, Collector<StatusDocument> out) throws Exception {
        ParcelState state = stateCodec.decode(change.state()); // the tracker's own bytes
        StepSummaryLookup model = ModelBroadcast.lookup(ctx.getBroadcastState(ModelBroadcast.MODEL));
        JourneyPlan plan = JourneyPlan.of(state);
        List<Scan> scans = state.getScans();
        long promised = state.getPromisedAt() == null ? DeliveryPredictor.NO_PROMISE : state.getPromisedAt();
        long now = Math.max(ctx.timerService().currentWatermark(), scans.isEmpty() ? Long.MIN_VALUE : scans.getLast().getTime());
        ForecastState previous = stored.value();

        RemainingJourney journey = steps.remaining(scans, plan);
        Scan last = scans.isEmpty() ? null : scans.getLast();
        Prediction current = journey.finished() ? null : predict(change.parcelId(), journey, now, promised, model);
        Prediction[] atPoints = new Prediction[Milestones.values().length];
        for (Milestones point : Milestones.values()) {
            Prediction kept = previous == null ? null : pointOf(previous, point);
            Scan reached = kept == null ? point.in(scans, plan.plannedRoute()) : null;
            if (kept != null || reached == null) {
                atPoints[point.ordinal()] = kept;
            } else if (reached == last && reached.getTime() == now && current != null) {
                atPoints[point.ordinal()] = current; // the scan that reached the point is the latest: the same prediction
            } else {
                atPoints[point.ordinal()] = predict(change.parcelId(), steps.remaining(upTo(scans, reached), plan), reached.getTime(),
                        promised, model);
            }
        }
        String facility = last == null ? null : last.getFacilityId();
        String region = last == null ? null : last.getRegionId();
        if (journey.finished()) {
            if (change.forecastOnly()) {
                // Told at once, while the write that shows the delivery waits (catching up, event time
                // can pass the promise meanwhile): resolve, stop the promise timer, keep the fixed points
                // for that write, which clears the rest.
                if (previous != null && previous.openAlertId() != null) {
                    resolve(ctx, change.parcelId(), previous.openAlertId(), previous.alertRaisedAt(),
                            Math.max(now, previous.alertRaisedAt()), facility, region, "delivered, returned or lost: no longer in flight");
                }
                if (previous != null && previous.timer() != 0) {
                    ctx.timerService().deleteEventTimeTimer(previous.timer());
                }
                stored.update(new ForecastState(new String[0], 0, promised, facility, region, atPoints[0], atPoints[1], atPoints[2],
                        null, 0, previous == null ? 0 : previous.episodes(), 0));
                return;
            }
            if (previous != null && previous.openAlertId() != null) {
                resolve(ctx, change.parcelId(), previous.openAlertId(), previous.alertRaisedAt(), Math.max(now, previous.alertRaisedAt()),
                        facility, region,
                        "delivered, returned or lost: no longer in flight");
            }
            if (previous != null && previous.timer() != 0) {
                ctx.timerService().deleteEventTimeTimer(previous.timer());
            }
            stored.clear();
            out.collect(document(state, new Forecast(null, atPoints[0], atPoints[1], atPoints[2])));
            return;
        }
        ForecastState next = new ForecastState(keys(journey), journey.currentStartedAt(), promised, facility, region,
                atPoints[0], atPoints[1], atPoints[2],
                previous == null ? null : previous.openAlertId(), previous == null ? 0 : previous.alertRaisedAt(),
                previous == null ? 0 : previous.episodes(), previous == null ? 0 : previous.timer());
        next = reconcile(ctx, change.parcelId(), next, current, now);
        stored.update(reschedule(ctx, next, now));
        if (!change.forecastOnly()) {
            out.collect(document(state, new Forecast(current, atPoints[0], atPoints[1], atPoints[2])));
        }
    }

    private static StatusDocument document(ParcelState state, Forecast forecast) {
        return new StatusDocument(state.getParcelId(), state.getSeq(), ParcelDocument.render(state, forecast, Instant.now()), forecast);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StatusDocument> out) throws Exception {
        ForecastState state = stored.value();
        if (state == null || state.timer() != timestamp) {
            return;
        }
        StepSummaryLookup model = ModelBroadcast.lookup(ctx.getBroadcastState(ModelBroadcast.MODEL));
        List<StepKey> keys = new ArrayList<>(state.remainingSteps().length);
        for (String key : state.remainingSteps()) {
            keys.add(StepKey.parse(key));
        }
        RemainingJourney journey = new RemainingJourney(keys, state.currentStartedAt(), false);
        long seenAsOf = Math.max(timestamp - SILENCE_HEADROOM_MILLIS, state.currentStartedAt());
        Prediction current = predict(ctx.getCurrentKey(), journey, seenAsOf, state.promisedAt(), model);
        ForecastState next = reconcile(ctx, ctx.getCurrentKey(), state.withTimer(0), current, timestamp);
        stored.update(reschedule(ctx, next, timestamp));
    }

    private Prediction predict(String parcelId, RemainingJourney journey, long now, long promised, StepSummaryLookup model)
            throws Exception {
        long started = cpuClock == null ? 0 : cpuClock.getCurrentThreadCpuTime();
        Prediction prediction = predictor.predict(parcelId, journey, now, promised, model);
        if (cpuClock != null) {
            predictionCpuNanos.inc(cpuClock.getCurrentThreadCpuTime() - started);
        }
        predictions.inc();
        return prediction;
    }

    /** Raises PREDICTED_DELAY when the probability of lateness reaches the threshold, resolves it when it falls well below. */
    private ForecastState reconcile(ReadOnlyContext ctx, String parcelId, ForecastState state, Prediction p, long now) {
        if (state.openAlertId() == null && p.lateProbability() >= settings.raiseAt()) {
            int episode = state.episodes() + 1;
            String alertId = AlertKind.PREDICTED_DELAY.name() + ":" + parcelId + ":" + episode;
            emit(ctx, Alert.newBuilder()
                    .setAlertId(alertId).setKind(AlertKind.PREDICTED_DELAY).setStatus(AlertStatus.RAISED)
                    .setSeverity(p.lateProbability() >= 0.9 ? Severity.CRITICAL : Severity.WARNING)
                    .setParcelId(parcelId).setFacilityId(state.facilityId()).setRegionId(state.regionId())
                    .setEventTime(Instant.ofEpochMilli(now)).setEmittedAt(Instant.now())
                    .setSummary(String.format("predicted late: %.0f%% likely to miss the promised time", p.lateProbability() * 100))
                    .setEvidence(evidence(p, state.promisedAt()))
                    .build());
            raised.inc();
            return state.withAlert(alertId, now, episode);
        }
        if (state.openAlertId() != null && p.lateProbability() < settings.resolveBelow()) {
            resolve(ctx, parcelId, state.openAlertId(), state.alertRaisedAt(), Math.max(now, state.alertRaisedAt()), state.facilityId(),
                    state.regionId(),
                    String.format("prediction recovered: %.0f%% likely to miss the promised time", p.lateProbability() * 100));
            return state.withAlert(null, 0, state.episodes());
        }
        return state;
    }

    private void resolve(ReadOnlyContext ctx, String parcelId, String alertId, long raisedAt, long at, String facility, String region,
            String why) {
        emit(ctx, Alert.newBuilder()
                .setAlertId(alertId).setKind(AlertKind.PREDICTED_DELAY).setStatus(AlertStatus.RESOLVED)
                .setParcelId(parcelId).setFacilityId(facility).setRegionId(region)
                .setEventTime(Instant.ofEpochMilli(at)).setEmittedAt(Instant.now())
                .setSummary("resolved: " + why).setEvidence(Map.of("raisedAt", Instant.ofEpochMilli(raisedAt).toString()))
                .build());
        resolved.inc();
    }

    private void emit(ReadOnlyContext ctx, Alert alert) {
        ctx.output(ALERTS, new AlertMessage(alert.getAlertId(), alertCodec.encode(alert)));
    }

    private static Map<String, String> evidence(Prediction p, long promised) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("predicted", Instant.ofEpochMilli(p.p50()).toString());
        evidence.put("predictedP10", Instant.ofEpochMilli(p.p10()).toString());
        evidence.put("predictedP90", Instant.ofEpochMilli(p.p90()).toString());
        evidence.put("promised", promised == DeliveryPredictor.NO_PROMISE ? "unknown" : Instant.ofEpochMilli(promised).toString());
        evidence.put("lateProbability", String.format("%.2f", p.lateProbability()));
        if (p.slowestStep() != null) {
            evidence.put("slowStep", p.slowestStep());
        }
        return evidence;
    }

    /**
     * One timer per parcel, at its promise (plus the silence headroom): a parcel not delivered by then is
     * late for sure, scan or no scan. No earlier re-prediction without a scan: measured on the default
     * scenario, re-predicting parcels silent for longer than 90% of their step (plus the headroom) raised
     * alerts for a third of all parcels, nearly all resolved by the next scan. A step is seldom really that
     * long; its scan is missing or late more often. Held parcels are re-predicted by their HELD scans.
     */
    private ForecastState reschedule(ReadOnlyContext ctx, ForecastState state, long now) {
        long due = 0;
        if (state.openAlertId() == null && state.promisedAt() != DeliveryPredictor.NO_PROMISE
                && state.promisedAt() + SILENCE_HEADROOM_MILLIS > now) {
            due = Math.ceilDiv(state.promisedAt() + SILENCE_HEADROOM_MILLIS, TIMER_BUCKET_MILLIS) * TIMER_BUCKET_MILLIS;
        }
        if (due == state.timer()) {
            return state;
        }
        if (state.timer() != 0) {
            ctx.timerService().deleteEventTimeTimer(state.timer());
        }
        if (due != 0) {
            ctx.timerService().registerEventTimeTimer(due);
        }
        return state.withTimer(due);
    }

    private static Prediction pointOf(ForecastState state, Milestones point) {
        return switch (point) {
            case PICKUP -> state.atPickup();
            case HALFWAY -> state.atHalfway();
            case OUT_FOR_DELIVERY -> state.atOutForDelivery();
        };
    }

    private static List<Scan> upTo(List<Scan> scans, Scan reached) {
        int end = scans.indexOf(reached);
        return scans.subList(0, end + 1);
    }

    private static String[] keys(RemainingJourney journey) {
        return journey.steps().stream().map(StepKey::asString).toArray(String[]::new);
    }
}
