package io.parcelwatch.alerts;

import io.parcelwatch.alerts.HubMovement.Kind;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The "seen later elsewhere" evidence for {@link HubLossDetector}, keyed by parcel number. A departure scan
 * that is never sent (a share of scans simply goes missing) would leave the parcel in dwell at its hub until
 * it counts as missing there; but the parcel's next scan, at the next hub or at an outlet, proves it left.
 * This function remembers which hub each parcel is in and, when the parcel shows up somewhere else later
 * (event time), emits a {@link Kind#DEPARTED} movement for that hub. Every hub movement it receives is
 * forwarded unchanged (so the detector gets one ordered stream per parcel); {@link Kind#SEEN} scans are
 * consumed here.
 *
 * <p>State: one small {@link HubLossStay} per parcel, only while the parcel is in a hub: set by its arrival,
 * cleared by its departure (or a scan elsewhere), and otherwise by a timer {@code maxDwell + lateness} after
 * the last scan at the hub, rounded up to the timer bucket. Parcels between hubs or delivered keep nothing.
 * Out-of-order uploads are handled where it matters: an arrival uploaded after a later hub's arrival emits its
 * departure at once; a scan elsewhere older than the arrival is ignored.
 */
public class HubLossParcelLink extends KeyedProcessFunction<String, HubMovement, HubMovement> {
    private final HubLossRules rules;
    private transient ValueState<HubLossStay> stays;
    private transient Counter departuresInferred;

    public HubLossParcelLink(HubLossRules rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext context) {
        stays = getRuntimeContext().getState(new ValueStateDescriptor<>("stay", TypeInformation.of(HubLossStay.class)));
        departuresInferred = getRuntimeContext().getMetricGroup().counter("hubDeparturesInferred");
    }

    @Override
    public void processElement(HubMovement m, Context ctx, Collector<HubMovement> out) throws Exception {
        HubLossStay stay = stays.value();
        long t = m.eventTime();
        boolean here = stay != null && stay.hubId().equals(m.hubId());
        boolean laterElsewhere = stay != null && !here && t > stay.arrivedAt();
        if (m.kind() != Kind.SEEN) {
            out.collect(m);
        }
        switch (m.kind()) {
            case ARRIVED -> {
                if (stay == null) {
                    arm(new HubLossStay(m.hubId(), m.regionId(), t, t, 0L), ctx);
                } else if (here) {
                    // a duplicate or a corrected time: the latest upload wins
                    arm(new HubLossStay(stay.hubId(), stay.regionId(), t, Math.max(t, stay.lastSeenAt()), stay.timer()), ctx);
                } else if (laterElsewhere) {
                    leave(stay, m.parcelId(), t, out);
                    disarm(stay, ctx);
                    arm(new HubLossStay(m.hubId(), m.regionId(), t, t, 0L), ctx);
                } else {
                    // an earlier hub's arrival, uploaded late: the parcel has been at a later hub since
                    out.collect(new HubMovement(m.hubId(), m.regionId(), m.parcelId(), Kind.DEPARTED, stay.arrivedAt(), 0));
                    departuresInferred.inc();
                }
            }
            case DEPARTED -> {
                if (here) {
                    disarm(stay, ctx);
                }
            }
            case PRESENT, REPORTED_LOST, SEEN -> {
                if (here && m.kind() != Kind.SEEN) {
                    if (t > stay.lastSeenAt()) {
                        arm(new HubLossStay(stay.hubId(), stay.regionId(), stay.arrivedAt(), t, stay.timer()), ctx);
                    }
                } else if (laterElsewhere) {
                    leave(stay, m.parcelId(), t, out);
                    disarm(stay, ctx);
                }
            }
            default -> { }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HubMovement> out) throws Exception {
        HubLossStay stay = stays.value();
        if (stay != null && stay.timer() == timestamp) {
            stays.clear();
        }
    }

    private void leave(HubLossStay stay, String parcelId, long seenElsewhereAt, Collector<HubMovement> out) {
        out.collect(new HubMovement(stay.hubId(), stay.regionId(), parcelId, Kind.DEPARTED, seenElsewhereAt, 0));
        departuresInferred.inc();
    }

    /** Stores the stay with its clean-up timer (re-registered only when its bucket changes). */
    private void arm(HubLossStay stay, Context ctx) throws Exception {
        long bucket = rules.timerBucket().toMillis();
        long due = Math.ceilDiv(stay.lastSeenAt() + rules.maxDwell().toMillis() + rules.lateness().toMillis(), bucket) * bucket;
        if (due != stay.timer()) {
            if (stay.timer() != 0L) {
                ctx.timerService().deleteEventTimeTimer(stay.timer());
            }
            ctx.timerService().registerEventTimeTimer(due);
            stay = new HubLossStay(stay.hubId(), stay.regionId(), stay.arrivedAt(), stay.lastSeenAt(), due);
        }
        stays.update(stay);
    }

    private void disarm(HubLossStay stay, Context ctx) {
        if (stay.timer() != 0L) {
            ctx.timerService().deleteEventTimeTimer(stay.timer());
        }
        stays.clear();
    }
}
