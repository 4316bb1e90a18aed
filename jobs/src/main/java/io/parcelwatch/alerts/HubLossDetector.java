package io.parcelwatch.alerts;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.AlertStatus;
import io.parcelwatch.schema.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * HUB_LOSS: a hub where clearly fewer parcels leave than arrive. Keyed by hub, in event time; input are the
 * {@link HubMovement}s the scan decoder derives from hub scans; output are hub-level alerts (parcel id null,
 * facility = the hub, severity CRITICAL) as {@link AlertMessage}s, like the parcel tracker's.
 *
 * <h2>What counts as lost</h2>
 * Every parcel that arrives at the hub is <i>in dwell</i> until a departure shows it left: its departure scan,
 * or (through {@link HubLossParcelLink}) any later scan of it elsewhere, so a departure scan that was never
 * sent does not make it look lost. Another scan at the hub (held during a lane disruption, damaged...) shows
 * it is still there and restarts its dwell clock. A parcel with no such evidence for
 * {@link HubLossRules#maxDwell()} (longer than any normal dwell plus late uploads) is <i>missing</i>; so is one
 * the hub itself reports lost. A departure seen later (a stale parcel that resumes, a very late upload) makes
 * it not missing again, as long as its arrival bucket is still counted.
 *
 * <p>Arrivals, departures and missing parcels are counted per bucket of <b>arrival time</b>
 * ({@link HubLossRules#timerBucket()}). A sliding window of arrival time ({@link HubLossRules#window()},
 * stepping by one bucket) is evaluated once it is <i>settled</i>: when the watermark is {@code maxDwell} past
 * its end, every parcel that arrived in it has either left or is overdue. A window with fewer than
 * {@link HubLossRules#minArrivals()} arrivals (a quiet hub, or a sparse stream) is stretched back a bucket at a time,
 * up to {@link HubLossRules#sparseWindow()}, so that a loss spread over hours still shows in one window. The window shows a loss when at least
 * {@link HubLossRules#minMissing()} parcels and at least {@link HubLossRules#minMissingShare()} of its arrivals
 * are missing: both well above what missing scans and single lost or long-silent parcels produce.
 *
 * <h2>Alerts</h2>
 * The alert is raised at the first window that shows a loss. Its event times are arrival times, so that they
 * say when the hub was losing parcels: RAISED carries the start of the first bucket of that window with
 * missing parcels, RESOLVED the end of the last bucket with missing parcels before a window whose missing share
 * is below {@link HubLossRules#resolveShare()} (or with nothing missing), or before the hub had no more arrivals
 * at all; a window without arrivals in between neither raises nor resolves. The id is
 * {@code HUB_LOSS:<hub>:<yyyyMMdd'T'HHmm'Z' of the raised event time>}: stable across replays and restarts, and
 * unique without an episode counter that would have to be kept forever. Evidence: the window's arrived /
 * departed / inDwell / missing / missingShare / windowFrom / windowUntil, the watermark when it was decided
 * ({@code detectedAt}), and on resolution the episode's totals and {@code raisedAt}. In processing terms the
 * alert comes about {@code maxDwell} after the loss: a loss is only certain once parcels are overdue.
 *
 * <h2>State and timers</h2>
 * Per hub: a map parcel → {@link HubLossVisit} (a stay from its first scan until
 * {@link HubLossRules#lateness()} after it settled, so late, duplicate and corrected scans are recognised), a
 * map bucket → counters {arrived, departed, missing} (only buckets some future window still contains), the stays
 * filed by the bucket in which they are next due (going missing, or to be forgotten), and one
 * {@link HubLossState} value. One event-time timer per hub at a time, on bucket boundaries; at each it marks
 * overdue stays missing and forgets settled ones (those filed under the buckets it reached), evaluates the
 * windows that settled, and drops buckets no future window contains. When nothing is left and no alert is open, the hub's state is cleared and no timer is set:
 * state is bounded by the traffic of {@code maxDwell + lateness}, and an idle hub keeps nothing.
 */
public class HubLossDetector extends KeyedProcessFunction<String, HubMovement, AlertMessage> {
    static final int ARRIVED = 0;
    static final int DEPARTED = 1;
    static final int MISSING = 2;
    private static final long NONE = HubLossVisit.NONE;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private final HubLossRules rules;
    private transient long bucket;
    private transient long window;
    private transient long sparseWindow;
    private transient long maxDwell;
    private transient long lateness;
    private transient ValueState<HubLossState> hub;
    private transient MapState<String, HubLossVisit> visits;
    private transient MapState<Long, int[]> buckets;
    private transient MapState<Long, Integer> dueCounts;
    private transient MapState<Tuple2<Long, Integer>, String> dueParcels;
    private transient AvroCodec<Alert> alertCodec;
    private transient Counter raised;
    private transient Counter resolved;
    private transient Counter missingParcels;
    private transient Counter tooLate;

    public HubLossDetector(HubLossRules rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext context) {
        bucket = rules.timerBucket().toMillis();
        window = rules.window().toMillis();
        sparseWindow = rules.sparseWindow().toMillis();
        maxDwell = rules.maxDwell().toMillis();
        lateness = rules.lateness().toMillis();
        hub = getRuntimeContext().getState(new ValueStateDescriptor<>("hub", TypeInformation.of(HubLossState.class)));
        visits = getRuntimeContext().getMapState(new MapStateDescriptor<>("visits", Types.STRING, TypeInformation.of(HubLossVisit.class)));
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("buckets", Types.LONG,
                PrimitiveArrayTypeInfo.INT_PRIMITIVE_ARRAY_TYPE_INFO));
        dueCounts = getRuntimeContext().getMapState(new MapStateDescriptor<>("due-counts", Types.LONG, Types.INT));
        dueParcels = getRuntimeContext().getMapState(new MapStateDescriptor<>("due-parcels", Types.TUPLE(Types.LONG, Types.INT),
                Types.STRING));
        alertCodec = AvroCodec.alerts();
        var metrics = getRuntimeContext().getMetricGroup();
        raised = metrics.counter("hubLossRaised");
        resolved = metrics.counter("hubLossResolved");
        missingParcels = metrics.counter("hubParcelsMissing");
        tooLate = metrics.counter("hubMovementsTooLate");
    }

    @Override
    public void processElement(HubMovement movement, Context ctx, Collector<AlertMessage> out) throws Exception {
        HubLossState state = hub.value();
        boolean fresh = state == null;
        if (fresh) {
            state = new HubLossState();
            state.dueIndexed = true;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (!apply(movement, horizon(state), watermark)) {
            return; // nothing to remember (e.g. an exception scan at an outlet, or a scan too late to count)
        }
        boolean changed = fresh;
        if (movement.regionId() != null && !movement.regionId().equals(state.regionId)) {
            state.regionId = movement.regionId();
            changed = true;
        }
        if (state.timer == NONE) {
            long base = watermark == Long.MIN_VALUE ? movement.eventTime() : watermark;
            state.timer = bucketOf(base) + bucket;
            ctx.timerService().registerEventTimeTimer(state.timer);
            changed = true;
        }
        if (changed) { // most movements change only the stays and counters: no write of the hub's value for them
            hub.update(state);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertMessage> out) throws Exception {
        HubLossState state = hub.value();
        if (state == null || state.timer != timestamp) {
            return;
        }
        state.timer = NONE;
        // After a jump of the watermark, work once at the new watermark rather than bucket by bucket.
        long now = Math.max(timestamp, ctx.timerService().currentWatermark());
        settleVisits(now, state);
        evaluate(now, state, ctx.getCurrentKey(), out);
        long horizon = horizon(state);
        List<Long> stale = new ArrayList<>();
        for (Long start : buckets.keys()) {
            if (start < horizon) {
                stale.add(start);
            }
        }
        for (Long start : stale) {
            buckets.remove(start);
        }
        if (visits.isEmpty() && buckets.isEmpty() && state.openAlertId == null) {
            hub.clear();
            dueCounts.clear(); // entries of stays forgotten since they were filed
            dueParcels.clear();
            return;
        }
        if (now < Long.MAX_VALUE - 2 * bucket) {
            state.timer = bucketOf(now) + bucket;
            ctx.timerService().registerEventTimeTimer(state.timer);
        }
        hub.update(state);
    }

    // ------------------------------------------------------------------ movements

    /** Applies a movement to the parcel's stay; true if state changed. */
    private boolean apply(HubMovement m, long horizon, long watermark) throws Exception {
        String parcel = m.parcelId();
        long t = m.eventTime();
        HubLossVisit v = visits.get(parcel);
        switch (m.kind()) {
            case ARRIVED -> {
                if (v == null) {
                    if (bucketOf(t) < horizon) {
                        tooLate.inc();
                        return false;
                    }
                    put(parcel, null, HubLossVisit.arrived(t, m.revision()), horizon);
                    return true;
                }
                if (!v.hasArrival()) {
                    if (t <= v.departedAt()) { // the departure was seen first (the arrival scan was uploaded late)
                        put(parcel, v, new HubLossVisit(t, m.revision(), t, v.departedAt(), false), horizon);
                    } else { // a departure without its arrival scan, and now the parcel is back: a new stay
                        put(parcel, v, HubLossVisit.arrived(t, m.revision()), horizon);
                    }
                    return true;
                }
                if (t == v.arrivedAt()) {
                    return false; // a duplicate
                }
                if (m.revision() > v.arrivalRevision()) { // a correction of the arrival time
                    long seen = v.lastSeenAt() == v.arrivedAt() ? t : Math.max(t, v.lastSeenAt());
                    replace(parcel, v, new HubLossVisit(t, m.revision(), seen, v.departedAt(), v.missing()), horizon);
                    return true;
                }
                if (m.revision() < v.arrivalRevision()) {
                    return false; // the original of a correction already applied
                }
                long leftAt = v.departed() ? v.departedAt() : v.arrivedAt();
                if (t > leftAt) { // the parcel is back: a new stay (a previous one without a departure scan evidently left)
                    HubLossVisit earlier = v;
                    if (!v.departed()) {
                        earlier = replace(parcel, v, new HubLossVisit(v.arrivedAt(), v.arrivalRevision(), v.lastSeenAt(), t, false), horizon);
                    }
                    put(parcel, earlier, HubLossVisit.arrived(t, m.revision()), horizon);
                    return true;
                }
                return false; // an arrival of an earlier stay, long settled
            }
            case DEPARTED -> {
                if (v == null) {
                    if (bucketOf(t) < horizon) {
                        tooLate.inc();
                        return false;
                    }
                    store(parcel, null, HubLossVisit.departedOnly(t)); // counted when (if) its arrival shows up
                    return true;
                }
                if (v.departed() || !v.hasArrival()) {
                    if (t == v.departedAt()) {
                        return false; // a duplicate
                    }
                    store(parcel, v, new HubLossVisit(v.arrivedAt(), v.arrivalRevision(), v.lastSeenAt(), t, v.missing()));
                    return true; // a corrected departure time: only when the stay is forgotten depends on it
                }
                replace(parcel, v, new HubLossVisit(v.arrivedAt(), v.arrivalRevision(), v.lastSeenAt(), t, false), horizon);
                return true;
            }
            case PRESENT -> {
                if (v == null || !v.hasArrival() || v.departed() || t <= v.lastSeenAt()) {
                    return false;
                }
                boolean stillMissing = v.missing() && t + maxDwell <= watermark;
                replace(parcel, v, new HubLossVisit(v.arrivedAt(), v.arrivalRevision(), t, NONE, stillMissing), horizon);
                return true;
            }
            case REPORTED_LOST -> {
                if (v == null || !v.inDwell()) {
                    return false;
                }
                replace(parcel, v, new HubLossVisit(v.arrivedAt(), v.arrivalRevision(), v.lastSeenAt(), NONE, true), horizon);
                missingParcels.inc();
                return true;
            }
            case SEEN -> {
                return false; // for the parcel link only
            }
            default -> {
                return false;
            }
        }
    }

    /** Stores a new stay in place of {@code stored} (null: none, or one whose counts stay as they are) and counts it. */
    private void put(String parcel, HubLossVisit stored, HubLossVisit v, long horizon) throws Exception {
        store(parcel, stored, v);
        count(v, +1, horizon);
    }

    /** Replaces a stay, moving its counts; returns the new one. */
    private HubLossVisit replace(String parcel, HubLossVisit old, HubLossVisit v, long horizon) throws Exception {
        count(old, -1, horizon);
        store(parcel, old, v);
        count(v, +1, horizon);
        return v;
    }

    /** Stores a stay in place of {@code stored} (null if none), filed under the bucket of its due time unless it is there already. */
    private void store(String parcel, HubLossVisit stored, HubLossVisit v) throws Exception {
        visits.put(parcel, v);
        long dueBucket = bucketOf(dueAt(v));
        if (stored == null || bucketOf(dueAt(stored)) != dueBucket) {
            file(parcel, dueBucket);
        }
    }

    /**
     * When a stay next needs the timer: when it goes missing if it is in dwell, else when it may be forgotten. A stay whose
     * visit changed since it was filed is found under its old bucket too; the timer skips it there.
     */
    private long dueAt(HubLossVisit v) {
        return v.inDwell() ? v.lastSeenAt() + maxDwell : v.forgetAt(maxDwell, lateness);
    }

    /** Files a parcel's stay under a bucket of due times: one entry more, whatever the bucket holds already. */
    private void file(String parcel, long dueBucket) throws Exception {
        Integer filed = dueCounts.get(dueBucket);
        int index = filed == null ? 0 : filed;
        dueParcels.put(Tuple2.of(dueBucket, index), parcel);
        dueCounts.put(dueBucket, index + 1);
    }

    /** Adds (sign +1) or removes (-1) a stay's contribution to its arrival bucket's counters. */
    private void count(HubLossVisit v, int sign, long horizon) throws Exception {
        if (!v.hasArrival()) {
            return;
        }
        long start = bucketOf(v.arrivedAt());
        if (start < horizon) {
            return; // no future window contains this bucket: it is no longer counted
        }
        int[] c = buckets.get(start);
        if (c == null) {
            c = new int[3];
        }
        c[ARRIVED] += sign;
        if (v.departed()) {
            c[DEPARTED] += sign;
        }
        if (v.missing()) {
            c[MISSING] += sign;
        }
        if (c[ARRIVED] == 0 && c[DEPARTED] == 0 && c[MISSING] == 0) {
            buckets.remove(start);
        } else {
            buckets.put(start, c);
        }
    }

    // ------------------------------------------------------------------ timers

    /**
     * Marks stays without a scan for maxDwell missing, and forgets stays settled longer than lateness ago: those filed
     * under the due buckets the timer has reached ({@link #file}), not every stay of the hub. Looking at every stay at every
     * bucket made a stay cost its hub's timer a deserialisation per bucket for a day (profiled: the detector's busiest part).
     */
    private void settleVisits(long now, HubLossState state) throws Exception {
        long horizon = horizon(state);
        if (!state.dueIndexed) {
            fileEveryStay(); // state from a version that kept no due index
            state.dueIndexed = true;
        }
        List<Long> reached = new ArrayList<>();
        for (Long dueBucket : dueCounts.keys()) {
            if (dueBucket <= now) {
                reached.add(dueBucket);
            }
        }
        reached.sort(null);
        for (long dueBucket : reached) {
            int filed = dueCounts.get(dueBucket);
            dueCounts.remove(dueBucket);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < filed; i++) {
                Tuple2<Long, Integer> entry = Tuple2.of(dueBucket, i);
                String parcel = dueParcels.get(entry);
                dueParcels.remove(entry);
                if (parcel != null && seen.add(parcel)) {
                    settle(parcel, dueBucket, now, horizon);
                }
            }
        }
    }

    private void settle(String parcel, long dueBucket, long now, long horizon) throws Exception {
        HubLossVisit v = visits.get(parcel);
        if (v == null || bucketOf(dueAt(v)) != dueBucket) {
            return; // forgotten, or changed since and filed under its new due time
        }
        if (v.inDwell() && now >= v.lastSeenAt() + maxDwell) {
            HubLossVisit gone = new HubLossVisit(v.arrivedAt(), v.arrivalRevision(), v.lastSeenAt(), NONE, true);
            count(v, -1, horizon);
            count(gone, +1, horizon);
            missingParcels.inc();
            if (now >= gone.forgetAt(maxDwell, lateness)) {
                visits.remove(parcel);
            } else {
                visits.put(parcel, gone);
                file(parcel, bucketOf(dueAt(gone)));
            }
        } else if (!v.inDwell() && now >= v.forgetAt(maxDwell, lateness)) {
            visits.remove(parcel);
        } else {
            file(parcel, dueBucket); // due later within this bucket (the watermark jumped into it): the next timer
        }
    }

    /** Files every stay under its due bucket. */
    private void fileEveryStay() throws Exception {
        Map<String, Long> dueBuckets = new HashMap<>();
        for (Map.Entry<String, HubLossVisit> e : visits.entries()) {
            dueBuckets.put(e.getKey(), bucketOf(dueAt(e.getValue())));
        }
        for (Map.Entry<String, Long> e : dueBuckets.entrySet()) {
            file(e.getKey(), e.getValue());
        }
    }

    /** Evaluates every window that has settled since the last evaluation, raising and resolving the alert. */
    private void evaluate(long now, HubLossState state, String hubId, Collector<AlertMessage> out) throws Exception {
        long settled = bucketOf(now - maxDwell);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Long start : buckets.keys()) {
            first = Math.min(first, start);
            last = Math.max(last, start);
        }
        if (state.evaluatedUntil == NONE) {
            if (first == Long.MAX_VALUE) {
                return; // nothing counted yet
            }
            state.evaluatedUntil = first;
        }
        for (long end = state.evaluatedUntil + bucket; end <= settled; end += bucket) {
            if (first == Long.MAX_VALUE || end - window > last) {
                // this window and all later ones are empty: nothing arrived since, up to maxDwell ago
                if (state.openAlertId != null) {
                    resolve(state, hubId, end - window, end, new int[3], now, out);
                }
                state.evaluatedUntil = Math.max(state.evaluatedUntil, settled);
                return;
            }
            int[] sums = new int[3];
            int[] newest = null;
            long from = end - window;
            for (long start = from; start < end; start += bucket) {
                int[] c = add(sums, start);
                if (c != null && start == end - bucket) {
                    newest = c;
                }
            }
            while (sums[ARRIVED] < rules.minArrivals() && end - from < sparseWindow) { // a quiet hub: a longer window
                from -= bucket;
                add(sums, from);
            }
            judge(state, hubId, from, end, sums, newest, now, out);
            state.evaluatedUntil = end;
        }
    }

    /** Adds the bucket starting at {@code start} to {@code sums}; returns its counters, null if it has none. */
    private int[] add(int[] sums, long start) throws Exception {
        int[] c = buckets.get(start);
        if (c != null) {
            sums[ARRIVED] += c[ARRIVED];
            sums[DEPARTED] += c[DEPARTED];
            sums[MISSING] += c[MISSING];
        }
        return c;
    }

    private void judge(HubLossState state, String hubId, long from, long end, int[] sums, int[] newest, long now, Collector<AlertMessage> out)
            throws Exception {
        int arrived = sums[ARRIVED];
        int missing = sums[MISSING];
        double share = arrived == 0 ? 0 : (double) missing / arrived;
        if (state.openAlertId == null) {
            if (missing >= rules.minMissing() && share >= rules.minMissingShare()) {
                raise(state, hubId, from, end, sums, share, now, out);
            }
            return;
        }
        if (newest != null) {
            state.openArrived += newest[ARRIVED];
            state.openMissing += newest[MISSING];
            if (newest[MISSING] > 0) {
                state.openLossUntil = end;
            }
        }
        state.openPeakShare = Math.max(state.openPeakShare, share);
        if (arrived > 0 && (missing == 0 || share < rules.resolveShare())) {
            resolve(state, hubId, from, end, sums, now, out);
        }
    }

    private void raise(HubLossState state, String hubId, long from, long end, int[] sums, double share, long now,
                       Collector<AlertMessage> out) throws Exception {
        // the loss holds (in arrival time) from the first bucket of the window with missing parcels, to the last
        long since = Long.MAX_VALUE;
        long until = end;
        for (long start = from; start < end; start += bucket) {
            int[] c = buckets.get(start);
            if (c != null && c[MISSING] > 0) {
                since = Math.min(since, start);
                until = start + bucket;
            }
        }
        if (state.lastResolvedAt != NONE) {
            since = Math.max(since, state.lastResolvedAt); // never before the previous episode ended: ids stay unique
        }
        String alertId = AlertKind.HUB_LOSS.name() + ":" + hubId + ":" + ID_TIME.format(Instant.ofEpochMilli(since));
        state.openAlertId = alertId;
        state.openRaisedAt = since;
        state.openLossUntil = Math.max(until, since + bucket);
        state.openFrom = from;
        state.openArrived = sums[ARRIVED];
        state.openMissing = sums[MISSING];
        state.openPeakShare = share;
        Map<String, String> evidence = windowEvidence(from, end, sums, now);
        String summary = String.format(Locale.ROOT,
                "%s lost %d of %d parcels (%.0f%%) that arrived %s-%s, from %s on: no departure or later scan within %dh",
                hubId, sums[MISSING], sums[ARRIVED], share * 100, Instant.ofEpochMilli(from), Instant.ofEpochMilli(end),
                Instant.ofEpochMilli(since), rules.maxDwell().toHours());
        emit(out, alertId, AlertStatus.RAISED, hubId, state.regionId, since, summary, evidence);
        raised.inc();
    }

    private void resolve(HubLossState state, String hubId, long from, long end, int[] sums, long now, Collector<AlertMessage> out) {
        Map<String, String> evidence = windowEvidence(from, end, sums, now);
        evidence.put("raisedAt", Instant.ofEpochMilli(state.openRaisedAt).toString());
        evidence.put("episodeFrom", Instant.ofEpochMilli(state.openFrom).toString());
        evidence.put("episodeUntil", Instant.ofEpochMilli(end).toString());
        evidence.put("episodeArrived", Integer.toString(state.openArrived));
        evidence.put("episodeMissing", Integer.toString(state.openMissing));
        evidence.put("peakMissingShare", share(state.openPeakShare));
        long lossUntil = state.openLossUntil;
        String summary = String.format(Locale.ROOT, "resolved: %s lost %d of %d parcels that arrived %s-%s (peak %.0f%%); none missing from %s",
                hubId, state.openMissing, state.openArrived, Instant.ofEpochMilli(state.openFrom), Instant.ofEpochMilli(end),
                state.openPeakShare * 100, Instant.ofEpochMilli(lossUntil));
        emit(out, state.openAlertId, AlertStatus.RESOLVED, hubId, state.regionId, lossUntil, summary, evidence);
        state.lastResolvedAt = lossUntil;
        state.openAlertId = null;
        state.openRaisedAt = 0;
        state.openLossUntil = 0;
        state.openFrom = 0;
        state.openArrived = 0;
        state.openMissing = 0;
        state.openPeakShare = 0;
        resolved.inc();
    }

    private Map<String, String> windowEvidence(long from, long end, int[] sums, long now) {
        Map<String, String> evidence = new LinkedHashMap<>();
        int arrived = sums[ARRIVED];
        evidence.put("arrived", Integer.toString(arrived));
        evidence.put("departed", Integer.toString(sums[DEPARTED]));
        evidence.put("inDwell", Integer.toString(arrived - sums[DEPARTED] - sums[MISSING]));
        evidence.put("missing", Integer.toString(sums[MISSING]));
        evidence.put("missingShare", share(arrived == 0 ? 0 : (double) sums[MISSING] / arrived));
        evidence.put("windowFrom", Instant.ofEpochMilli(from).toString());
        evidence.put("windowUntil", Instant.ofEpochMilli(end).toString());
        evidence.put("maxDwellMinutes", Long.toString(rules.maxDwell().toMinutes()));
        evidence.put("detectedAt", Instant.ofEpochMilli(now).toString());
        return evidence;
    }

    private void emit(Collector<AlertMessage> out, String alertId, AlertStatus status, String hubId, String regionId, long at,
                      String summary, Map<String, String> evidence) {
        Alert alert = Alert.newBuilder()
                .setAlertId(alertId).setKind(AlertKind.HUB_LOSS).setStatus(status).setSeverity(Severity.CRITICAL)
                .setParcelId(null).setFacilityId(hubId).setRegionId(regionId)
                .setEventTime(Instant.ofEpochMilli(at)).setEmittedAt(Instant.now())
                .setSummary(summary).setEvidence(new HashMap<>(evidence))
                .build();
        out.collect(new AlertMessage(alertId, alertCodec.encode(alert)));
    }

    // ------------------------------------------------------------------ helpers

    /** Buckets before this are no longer counted: no window still to be evaluated contains them, however far stretched. */
    private long horizon(HubLossState state) {
        return state.evaluatedUntil == NONE ? Long.MIN_VALUE : state.evaluatedUntil - sparseWindow;
    }

    private long bucketOf(long time) {
        return Math.floorDiv(time, bucket) * bucket;
    }

    private static String share(double share) {
        return String.format(Locale.ROOT, "%.3f", share);
    }
}
