package io.parcelwatch.tracking;

import io.parcelwatch.alerts.AlertMessage;
import io.parcelwatch.alerts.Condition;
import io.parcelwatch.alerts.ParcelAlertRules;
import io.parcelwatch.eta.EtaPriors;
import io.parcelwatch.eta.JourneyPlan;
import io.parcelwatch.eta.JourneySteps;
import io.parcelwatch.eta.Milestones;
import io.parcelwatch.eta.StepObservation;
import io.parcelwatch.eta.TimeOfDayBands;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.kpi.KpiFact;
import io.parcelwatch.kpi.ParcelFacts;
import io.parcelwatch.privacy.PersonalData;
import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.AlertStatus;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.tracking.state.OpenAlert;
import io.parcelwatch.tracking.state.ParcelState;
import io.parcelwatch.tracking.state.Scan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-parcel heart of the tracker job, keyed by parcel number. Keeps one compact
 * {@link ParcelState} per parcel (Avro-encoded, so its schema can evolve), merges every scan into it by
 * event time, raises and resolves alerts, and emits the parcel's state whenever it changes.
 *
 * <p>Timers are cheap: a parcel has at most one event-time timer, at its next deadline (stale, lost,
 * cold-chain tolerance, or clean-up) rounded up to a bucket so that parcels share timestamps.
 * {@link #ALERTS} carries alerts with their ids, as Avro single-object bytes ready for Kafka.
 *
 * <p>Its main output is the parcel's status for Elasticsearch, written at most once per flush
 * interval ({@link StatusWrites}): a change schedules one processing-time timer for the parcel unless
 * one is pending, and the timer emits the state as it is then.
 */
public class ParcelTracker extends KeyedProcessFunction<String, ValidScan, ParcelChange> {
    public static final OutputTag<AlertMessage> ALERTS = new OutputTag<>("alerts", TypeInformation.of(AlertMessage.class));
    /** Steps of journeys that a scan completed, for learning how long steps take ({@link io.parcelwatch.eta.StepLearner}). */
    public static final OutputTag<StepObservation> STEPS = new OutputTag<>("steps", TypeInformation.of(StepObservation.class));
    /** What counts towards the service-quality KPIs: pickups, outcomes (and their retractions), stale episodes. */
    public static final OutputTag<KpiFact> KPI_FACTS = new OutputTag<>("kpi-facts", TypeInformation.of(KpiFact.class));
    public static final String STATE_NAME = "parcel";

    private final TrackingRules rules;
    private final TimeOfDayBands bands;
    private final EtaPriors priors;
    private transient JourneySteps journeySteps;
    private transient ValueState<byte[]> stored;
    private transient AvroCodec<ParcelState> stateCodec;
    private transient AvroCodec<Alert> alertCodec;
    private transient AvroCodec<ScanEvent> scanCodec;
    private transient PersonalData personalData;
    private transient ParcelAlertRules alertRules;
    private transient ParcelFacts facts;
    private transient Counter scansApplied;
    private transient Counter corrections;
    private transient Counter duplicates;
    private transient Counter readingsKept;
    private transient Counter alertsRaised;
    private transient Counter alertsResolved;
    private transient Counter parcelsCleared;
    private transient Counter statusWrites;
    private transient Counter heldWriteChecks;
    private transient Counter heldWritesReleased;
    private transient StatusWrites writes;

    public ParcelTracker(TrackingRules rules) {
        this(rules, TimeOfDayBands.defaults(), EtaPriors.defaults());
    }

    /**
     * @param bands  time-of-day bands of the steps it reports ({@link #STEPS})
     * @param priors which service levels' out-for-delivery and departure scans tell an outlet's rounds and a hub's vehicles
     */
    public ParcelTracker(TrackingRules rules, TimeOfDayBands bands, EtaPriors priors) {
        this.rules = rules;
        this.bands = bands;
        this.priors = priors;
    }

    @Override
    public void open(OpenContext context) {
        stored = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        stateCodec = AvroCodec.of(ParcelState.class);
        alertCodec = AvroCodec.alerts();
        scanCodec = AvroCodec.scanEvents();
        personalData = new PersonalData(rules.hmacKey());
        alertRules = new ParcelAlertRules(rules.limits(), rules.coldChain());
        facts = new ParcelFacts(rules.limits());
        var metrics = getRuntimeContext().getMetricGroup();
        scansApplied = metrics.counter("scansApplied");
        corrections = metrics.counter("scansCorrected");
        duplicates = metrics.counter("scansDuplicate");
        readingsKept = metrics.counter("temperatureReadingsKept");
        alertsRaised = metrics.counter("alertsRaised");
        alertsResolved = metrics.counter("alertsResolved");
        parcelsCleared = metrics.counter("parcelsCleared");
        statusWrites = metrics.counter("statusWrites");
        heldWriteChecks = metrics.counter("heldWriteChecks");
        heldWritesReleased = metrics.counter("heldWritesReleased");
        writes = new StatusWrites(rules.flushInterval(), rules.catchUpFlushInterval());
        journeySteps = new JourneySteps(bands, priors.rounds(), priors.departures());
        metrics.gauge("flushIntervalMs", writes::currentIntervalMillis);
    }

    @Override
    public void processElement(ValidScan scan, Context ctx, Collector<ParcelChange> out) throws Exception {
        writes.scanRead(scan.behindMillis());
        track(scan, ctx, out);
        writes.sample(ctx.timerService().currentProcessingTime());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ParcelChange> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            writeStatus(ctx, out);
        } else {
            onDeadline(timestamp, ctx, out);
        }
        writes.sample(ctx.timerService().currentProcessingTime());
    }

    private void track(ValidScan scan, Context ctx, Collector<ParcelChange> out) throws Exception {
        ScanEvent event = scanCodec.decode(scan.avro()); // validated upstream: cannot fail
        ParcelState state = load();
        if (state == null) {
            state = ParcelTimeline.newState(ctx.getCurrentKey());
        }
        ParcelTimeline timeline = new ParcelTimeline(state);
        KpiFact outcomeBefore = outcome(timeline);
        raiseSilenceThisScanEnds(timeline, event, ctx);
        ParcelTimeline.Change change = timeline.apply(event, personalData, rules.coldChain());
        switch (change) {
            case DUPLICATE -> {
                duplicates.inc();
                return;
            }
            case CORRECTED -> corrections.inc();
            case APPLIED -> {
                scansApplied.inc();
                reportSteps(state, event, ctx);
                if (event.getType() == ScanType.PICKED_UP) {
                    ctx.output(KPI_FACTS, facts.pickup(state, event.getEventTime().toEpochMilli(), event.getFacilityId(),
                            event.getRegionId()));
                }
            }
            case READING -> readingsKept.inc();
        }
        long now = ctx.timerService().currentWatermark();
        boolean alertsChanged = reconcileAlerts(timeline, now, event.getEventTime().toEpochMilli(), ctx);
        alertsChanged |= endExcursion(timeline, now, ctx);
        reportOutcomeChange(outcomeBefore, timeline, ctx);
        state.setSeq(state.getSeq() + 1);
        reschedule(timeline, now, ctx); // deadlines not yet passed by the watermark, even if earlier than this scan
        if (change == ParcelTimeline.Change.READING && !alertsChanged) {
            stored.update(stateCodec.encode(state)); // shown with the next change (see Change.READING)
            return;
        }
        byte[] saved = saveAndWrite(state, ctx, out);
        if (saved != null && change == ParcelTimeline.Change.APPLIED && forecastNow(event, state)) {
            out.collect(ParcelChange.forForecastOnly(state.getParcelId(), saved));
        }
    }

    /** The parcel's event-time timer: a deadline (stale, lost, cold-chain tolerance) or its clean-up. */
    private void onDeadline(long timestamp, OnTimerContext ctx, Collector<ParcelChange> out) throws Exception {
        ParcelState state = load();
        if (state == null || state.getTimer() != timestamp) {
            return; // a timer of a parcel already cleared, or replaced (deleting it raced with firing)
        }
        state.setTimer(0L);
        ParcelTimeline timeline = new ParcelTimeline(state);
        Long finalAt = finalAt(timeline);
        if (finalAt != null && timestamp >= finalAt + rules.retention().toMillis()) {
            if (StatusWrites.pending(state.getFlushAt(), ctx.timerService().currentProcessingTime())) {
                // Its last change is still waiting for its write: while catching up, event time can pass a
                // whole retention within one flush interval. Write it now; the pending timer finds nothing.
                emit(ctx.getCurrentKey(), stored.value(), out);
            }
            stored.clear();
            parcelsCleared.inc();
            return;
        }
        KpiFact outcomeBefore = outcome(timeline);
        if (reconcileAlerts(timeline, timestamp, timestamp, ctx)) {
            reportOutcomeChange(outcomeBefore, timeline, ctx);
            state.setSeq(state.getSeq() + 1);
            reschedule(timeline, timestamp, ctx);
            saveAndWrite(state, ctx, out);
        } else {
            reschedule(timeline, timestamp, ctx);
            stored.update(stateCodec.encode(state));
        }
    }

    /**
     * A scan that ends a silence longer than the stage limit proves, in event time, that the parcel was
     * stale (or lost) before it. When input is read far ahead of the watermark (a backlog, one
     * partition ahead of the others) the timer could not fire before this scan arrived; raise what held
     * now, and the reconciliation after the scan resolves it. Late uploads cannot fake such a silence:
     * the limits carry headroom for them, as they do for the watermark.
     */
    private void raiseSilenceThisScanEnds(ParcelTimeline timeline, ScanEvent event, Context ctx) {
        var last = timeline.lastScan();
        long time = event.getEventTime().toEpochMilli();
        if (last == null || time <= last.getTime() || event.getType() == ScanType.TEMPERATURE) {
            return;
        }
        Set<String> open = new HashSet<>();
        timeline.state().getOpenAlerts().forEach(a -> open.add(a.getKind()));
        List<OpenAlert> opened = new ArrayList<>(timeline.state().getOpenAlerts());
        for (Condition condition : alertRules.evaluate(timeline, time - 1)) {
            AlertKind kind = condition.kind();
            if ((kind == AlertKind.STALE_TRACKING || kind == AlertKind.LOST) && !open.contains(kind.name())) {
                opened.add(raise(timeline.state(), condition, ctx));
            }
        }
        timeline.state().setOpenAlerts(opened);
    }

    /**
     * A run of out-of-range readings that has ended was alerted above if it lasted past the tolerance
     * (proven by the readings, however far the watermark lags); now it is over: resolve and forget it.
     */
    private boolean endExcursion(ParcelTimeline timeline, long now, Context ctx) {
        Long until = timeline.state().getOutOfRangeUntil();
        if (until != null) {
            timeline.clearEndedExcursion();
            reconcileAlerts(timeline, now, until, ctx);
            return true;
        }
        return false;
    }

    /** Raises what holds and was not raised, resolves what was raised and holds no more. True if anything changed. */
    private boolean reconcileAlerts(ParcelTimeline timeline, long now, long changeTime, Context ctx) {
        ParcelState state = timeline.state();
        Map<String, Condition> holding = new LinkedHashMap<>();
        for (Condition c : alertRules.evaluate(timeline, now)) {
            holding.putIfAbsent(c.kind().name(), c);
        }
        boolean changed = false;
        List<OpenAlert> open = new ArrayList<>(state.getOpenAlerts());
        Set<String> openKinds = new HashSet<>();
        for (var it = open.iterator(); it.hasNext(); ) {
            OpenAlert alert = it.next();
            if (holding.containsKey(alert.getKind())) {
                openKinds.add(alert.getKind());
            } else {
                it.remove();
                ctx.output(ALERTS, new AlertMessage(alert.getAlertId(),
                        alertCodec.encode(resolved(state, alert, Math.max(changeTime, alert.getRaisedAt()), timeline))));
                alertsResolved.inc();
                changed = true;
            }
        }
        for (Condition condition : holding.values()) {
            String kind = condition.kind().name();
            if (openKinds.contains(kind)) {
                continue;
            }
            open.add(raise(state, condition, ctx));
            changed = true;
        }
        state.setOpenAlerts(open);
        return changed;
    }

    private OpenAlert raise(ParcelState state, Condition condition, Context ctx) {
        String kind = condition.kind().name();
        int episode = state.getAlertEpisodes().getOrDefault(kind, 0) + 1;
        Map<String, Integer> episodes = new HashMap<>(state.getAlertEpisodes());
        episodes.put(kind, episode);
        state.setAlertEpisodes(episodes);
        String alertId = kind + ":" + state.getParcelId() + ":" + episode;
        ctx.output(ALERTS, new AlertMessage(alertId, alertCodec.encode(raised(state, alertId, condition))));
        alertsRaised.inc();
        if (condition.kind() == AlertKind.STALE_TRACKING) {
            ctx.output(KPI_FACTS, facts.stale(state, condition.trueAt(), condition.facilityId(), condition.regionId()));
        }
        return new OpenAlert(kind, alertId, condition.trueAt());
    }

    private static Alert raised(ParcelState state, String alertId, Condition c) {
        return Alert.newBuilder()
                .setAlertId(alertId).setKind(c.kind()).setStatus(AlertStatus.RAISED).setSeverity(c.severity())
                .setParcelId(state.getParcelId()).setFacilityId(c.facilityId()).setRegionId(c.regionId())
                .setEventTime(Instant.ofEpochMilli(c.trueAt())).setEmittedAt(Instant.now())
                .setSummary(c.summary()).setEvidence(new HashMap<>(c.evidence()))
                .build();
    }

    private static Alert resolved(ParcelState state, OpenAlert alert, long at, ParcelTimeline timeline) {
        var last = timeline.lastScan();
        return Alert.newBuilder()
                .setAlertId(alert.getAlertId()).setKind(AlertKind.valueOf(alert.getKind())).setStatus(AlertStatus.RESOLVED)
                .setParcelId(state.getParcelId())
                .setFacilityId(last == null ? null : last.getFacilityId()).setRegionId(last == null ? null : last.getRegionId())
                .setEventTime(Instant.ofEpochMilli(at)).setEmittedAt(Instant.now())
                .setSummary("resolved: " + alert.getKind().toLowerCase().replace('_', ' ') + " no longer holds")
                .setEvidence(Map.of("raisedAt", Instant.ofEpochMilli(alert.getRaisedAt()).toString()))
                .build();
    }

    /** The journey steps this newly applied scan completed (a correction's step was reported when first applied). */
    private void reportSteps(ParcelState state, ScanEvent event, Context ctx) {
        if (event.getType() == ScanType.TEMPERATURE) {
            return;
        }
        for (Scan applied : state.getScans()) {
            if (applied.getEventId().equals(event.getEventId())) {
                for (StepObservation step : journeySteps.completedBy(state.getScans(), applied, JourneyPlan.of(state))) {
                    ctx.output(STEPS, step);
                }
                return;
            }
        }
    }

    /**
     * Scans the forecaster must see before the gathered status write goes out (while catching up, hours
     * of event time later): a fixed point of the journey, whose prediction must use the model of that
     * moment, and the end of the journey, which must stop the forecaster's promise timer in time.
     */
    private static boolean forecastNow(ScanEvent event, ParcelState state) {
        ScanType type = event.getType();
        return type == ScanType.DELIVERED || type == ScanType.RETURNED
                || Milestones.marks(type.name(), event.getFacilityId(), state.getPlannedRoute());
    }

    /** The parcel's outcome for the KPIs, if it has one; computed only for parcels in a final status, which are few. */
    private KpiFact outcome(ParcelTimeline timeline) {
        return finalAt(timeline) == null ? null : facts.outcome(timeline);
    }

    /**
     * A change that gave the parcel an outcome, or changed the one it had (a failed attempt uploaded
     * after the delivery, a lost parcel scanned again): the old contribution is taken back, the new one added.
     */
    private void reportOutcomeChange(KpiFact before, ParcelTimeline timeline, Context ctx) {
        KpiFact after = outcome(timeline);
        if (java.util.Objects.equals(before, after)) {
            return;
        }
        if (before != null) {
            ctx.output(KPI_FACTS, before.retracted());
        }
        if (after != null) {
            ctx.output(KPI_FACTS, after);
        }
    }

    /** When the parcel reached a final status (final scan, or presumed lost), or null. */
    private static Long finalAt(ParcelTimeline timeline) {
        Stage stage = timeline.stage();
        if (stage != null && stage.isFinal()) {
            return timeline.stageScan().getTime();
        }
        for (OpenAlert alert : timeline.state().getOpenAlerts()) {
            if (alert.getKind().equals(AlertKind.LOST.name())) {
                return alert.getRaisedAt();
            }
        }
        return null;
    }

    private void reschedule(ParcelTimeline timeline, long now, Context ctx) {
        ParcelState state = timeline.state();
        long next = alertRules.nextDeadline(timeline, now);
        Long finalAt = finalAt(timeline);
        if (finalAt != null) {
            next = Math.min(next, finalAt + rules.retention().toMillis());
        }
        long bucket = rules.timerBucket().toMillis();
        long due = next == Long.MAX_VALUE ? 0L : Math.ceilDiv(next, bucket) * bucket;
        if (due != state.getTimer()) {
            if (state.getTimer() != 0L) {
                ctx.timerService().deleteEventTimeTimer(state.getTimer());
            }
            if (due != 0L) {
                ctx.timerService().registerEventTimeTimer(due);
            }
            state.setTimer(due);
        }
    }

    private ParcelState load() throws Exception {
        byte[] bytes = stored.value();
        return bytes == null ? null : stateCodec.decode(bytes);
    }

    /**
     * Saves a change the status document must show, and writes it now or schedules its write.
     *
     * @return the saved bytes if the write was scheduled for later, null if it was written now
     */
    private byte[] saveAndWrite(ParcelState state, Context ctx, Collector<ParcelChange> out) throws Exception {
        long wallNow = ctx.timerService().currentProcessingTime();
        long at = writes.immediate() ? StatusWrites.NOW : writes.scheduleFor(state.getFlushAt(), state.getWrittenAt(), wallNow);
        if (at == StatusWrites.NOW) {
            state.setWrittenAt(wallNow);
            byte[] bytes = stateCodec.encode(state);
            stored.update(bytes);
            emit(state.getParcelId(), bytes, out);
            return null;
        }
        if (at != 0) {
            ctx.timerService().registerProcessingTimeTimer(writes.timerFor(at, wallNow));
            // Recorded now as written then, so that the timer has nothing to change: it writes the stored bytes as they are.
            state.setFlushAt(at);
            state.setWrittenAt(at);
        }
        byte[] bytes = stateCodec.encode(state);
        stored.update(bytes);
        return bytes;
    }

    /**
     * A write timer fired: the document gets the state as it is now. When the write is due, that is the stored bytes as
     * they are (the state already says it was written at this time, and a write is pending only until then:
     * {@link StatusWrites#pending}). A write held back while catching up is looked at before it is due: held again while
     * the job is still behind, released once it has caught up. Cleared parcels have nothing to write.
     */
    private void writeStatus(OnTimerContext ctx, Collector<ParcelChange> out) throws Exception {
        byte[] bytes = stored.value();
        if (bytes == null) {
            return;
        }
        ParcelState state = stateCodec.decode(bytes);
        long wallNow = ctx.timerService().currentProcessingTime();
        switch (writes.onTimer(state.getFlushAt(), wallNow)) {
            case WRITE -> emit(ctx.getCurrentKey(), bytes, out);
            case HOLD -> {
                heldWriteChecks.inc();
                ctx.timerService().registerProcessingTimeTimer(writes.timerFor(state.getFlushAt(), wallNow));
            }
            case RELEASE -> {
                heldWritesReleased.inc();
                state.setFlushAt(wallNow);
                state.setWrittenAt(wallNow);
                byte[] released = stateCodec.encode(state);
                stored.update(released);
                emit(ctx.getCurrentKey(), released, out);
            }
        }
    }

    private void emit(String parcelId, byte[] bytes, Collector<ParcelChange> out) {
        long started = System.nanoTime();
        out.collect(new ParcelChange(parcelId, bytes));
        writes.blocked(System.nanoTime() - started);
        statusWrites.inc();
    }
}
