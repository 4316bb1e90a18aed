package io.parcelwatch.eta;

import io.parcelwatch.tracking.state.Scan;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a parcel's ordered scan history into steps: the steps a newly applied scan completes (what the learner
 * learns from) and the steps that remain (what the predictor adds up). Pure: the same history and plan always
 * give the same answer, and nothing here throws on odd input.
 *
 * <p>Only <i>milestone</i> scans bound steps: CREATED, PICKED_UP, HUB_ARRIVED, HUB_DEPARTED, OUTLET_ARRIVED and
 * DELIVERED. Out-for-delivery and failed attempts fall inside the last mile, so a retry lengthens it as it does
 * for the customer. A step is measured only between two adjacent milestones that make sense together (an
 * arrival and a departure at the same hub, a departure and an arrival at another hub...): a missing scan
 * leaves a gap that is simply not learned from, rather than a step that is really two.
 *
 * <p>Exceptions are not milestones. A hold (lane disruption) stays inside the step it delays, because that
 * delay is exactly what recent learning must see; a lost or misrouted parcel's step says nothing about the
 * place it is keyed by, so a step spanning such an exception is not learned from.
 */
public final class JourneySteps implements Serializable {
    /** Longer than any real step: a duration beyond it comes from a wrong device clock. */
    public static final long MAX_STEP_MILLIS = 10L * 24 * 3_600_000;

    private static final String CREATED = "CREATED";
    private static final String PICKED_UP = "PICKED_UP";
    private static final String HUB_ARRIVED = "HUB_ARRIVED";
    private static final String HUB_DEPARTED = "HUB_DEPARTED";
    private static final String OUTLET_ARRIVED = "OUTLET_ARRIVED";
    private static final String OUT_FOR_DELIVERY = "OUT_FOR_DELIVERY";
    private static final String DELIVERY_FAILED = "DELIVERY_FAILED";
    private static final String DELIVERED = "DELIVERED";
    private static final String RETURNED = "RETURNED";
    private static final String EXCEPTION = "EXCEPTION";

    private final TimeOfDayBands bands;
    private final OutletRounds rounds;
    private final HubDepartures departures;

    /** With the default {@link OutletRounds} and {@link HubDepartures} (which service levels wait for rounds and vehicles). */
    public JourneySteps(TimeOfDayBands bands) {
        this(bands, OutletRounds.defaults(), HubDepartures.defaults());
    }

    public JourneySteps(TimeOfDayBands bands, OutletRounds rounds, HubDepartures departures) {
        this.bands = Objects.requireNonNull(bands, "bands");
        this.rounds = Objects.requireNonNull(rounds, "rounds");
        this.departures = Objects.requireNonNull(departures, "departures");
    }

    /** A measured step. */
    public record CompletedStep(StepKey key, long startTime, long durationMillis) {}

    // ------------------------------------------------------------------ completed steps

    /**
     * The observations to learn from now that {@code applied} (already in {@code scans}, ordered by time) has
     * been applied: the step it ends, and, when it was uploaded late, the step it starts whose end is already
     * known. Each step gives one observation per key it is learned under: the whole day and, where the hour
     * matters, its time-of-day band at its place and across the network ({@link StepKey#network()}), and for an
     * outlet's step the network's whole day as well. Call it once per scan applied for the first time, not for a
     * duplicate or a correction of a scan already applied: that step was counted then.
     */
    public List<StepObservation> completedBy(List<Scan> scans, Scan applied, JourneyPlan plan) {
        List<StepObservation> out = new ArrayList<>(2);
        List<CompletedStep> completed = new ArrayList<>(stepsTouching(scans, applied, plan));
        completed.addAll(roundsTouching(scans, applied, plan));
        for (CompletedStep step : completed) {
            StepKey key = step.key();
            if (key.kind().timeOfDayMatters() && bands.enabled()) {
                StepKey banded = key.withBand(bands.bandOf(step.startTime()));
                out.add(new StepObservation(banded.asString(), step.startTime(), step.durationMillis()));
                out.add(new StepObservation(banded.network().asString(), step.startTime(), step.durationMillis()));
                if (!key.followsNetworkTimetable()) { // the network's whole day, to tell whether a place is like it
                    out.add(new StepObservation(key.network().asString(), step.startTime(), step.durationMillis()));
                }
            }
            out.add(new StepObservation(key.asString(), step.startTime(), step.durationMillis()));
        }
        if (OUT_FOR_DELIVERY.equals(applied.getType()) && rounds.appliesTo(plan.serviceLevel())) {
            int at = scans.indexOf(applied);
            String outlet = deliveringOutlet(at < 0 ? scans : scans.subList(0, at + 1), applied.getFacilityId(), plan);
            out.add(timeOfDay(StepKey.roundStart(outlet), applied));
        }
        String hub = applied.getFacilityId();
        if (HUB_DEPARTED.equals(applied.getType()) && hub != null && departures.appliesTo(plan.serviceLevel())) {
            String scope = StepKey.dwell(hub, nextStop(hub, applied.getDetail(), plan));
            out.add(timeOfDay(StepKey.departures(scope, plan.dwellService()), applied));
            if (StepKey.of(StepKind.DWELL, scope, plan.dwellService()).followsNetworkTimetable()) {
                out.add(timeOfDay(StepKey.departures(StepKey.dwell(StepKey.NETWORK, null), plan.dwellService()), applied));
            }
        }
        return out;
    }

    /**
     * A delivery round or a vehicle seen leaving: the scan's local time of day, as the "step" from local midnight to
     * the scan ({@link StepKind#ROUND_START}, {@link StepKind#DEPARTURE}), so that the learner files it by the scan's time.
     */
    private StepObservation timeOfDay(StepKey key, Scan scan) {
        long time = scan.getTime();
        long intoDay = bands.millisIntoDay(time);
        return new StepObservation(key.asString(), time - intoDay, intoDay);
    }

    /** Every measurable step of the history (keys without band); for rebuilding or inspecting a history. */
    public List<CompletedStep> completed(List<Scan> scans, JourneyPlan plan) {
        List<Scan> milestones = milestones(scans);
        List<CompletedStep> out = new ArrayList<>();
        for (int i = 0; i + 1 < milestones.size(); i++) {
            CompletedStep step = step(milestones.get(i), milestones.get(i + 1), scans, plan);
            if (step != null) {
                out.add(step);
            }
        }
        return out;
    }

    /**
     * The rounds ({@link StepKind#ROUND}) that {@code applied} completes: from each OUT_FOR_DELIVERY since the
     * outlet arrival to the DELIVERED scan, failed attempts included (as in the last mile: a parcel out for
     * delivery may still come back and go out again tomorrow). A DELIVERED scan completes every such round; an
     * OUT_FOR_DELIVERY uploaded after the delivery completes its own.
     */
    private static List<CompletedStep> roundsTouching(List<Scan> scans, Scan applied, JourneyPlan plan) {
        int at = scans.indexOf(applied);
        if (at < 0) {
            return List.of();
        }
        List<CompletedStep> out = new ArrayList<>(1);
        if (DELIVERED.equals(applied.getType())) {
            for (int i = at - 1; i >= 0; i--) {
                Scan scan = scans.get(i);
                if (OUT_FOR_DELIVERY.equals(scan.getType())) {
                    addRound(out, scans, i, applied, plan);
                } else if (OUTLET_ARRIVED.equals(scan.getType()) || DELIVERED.equals(scan.getType())
                        || HUB_DEPARTED.equals(scan.getType()) || HUB_ARRIVED.equals(scan.getType())) {
                    break;
                }
            }
        } else if (OUT_FOR_DELIVERY.equals(applied.getType())) {
            for (int i = at + 1; i < scans.size(); i++) {
                Scan scan = scans.get(i);
                if (DELIVERED.equals(scan.getType())) {
                    addRound(out, scans, at, scan, plan);
                    break;
                }
                if (OUTLET_ARRIVED.equals(scan.getType()) || RETURNED.equals(scan.getType())) {
                    break;
                }
            }
        }
        return out;
    }

    /** The round from the OUT_FOR_DELIVERY at index {@code fromIndex} to {@code to}. */
    private static void addRound(List<CompletedStep> out, List<Scan> scans, int fromIndex, Scan to, JourneyPlan plan) {
        Scan from = scans.get(fromIndex);
        long duration = to.getTime() - from.getTime();
        if (duration < 0 || duration > MAX_STEP_MILLIS) {
            return;
        }
        String outlet = deliveringOutlet(scans.subList(0, fromIndex + 1), from.getFacilityId(), plan);
        out.add(new CompletedStep(StepKey.of(StepKind.ROUND, outlet, plan.serviceLevel()), from.getTime(), duration));
    }

    private List<CompletedStep> stepsTouching(List<Scan> scans, Scan applied, JourneyPlan plan) {
        List<Scan> all = milestoneScans(scans);
        int raw = indexOf(all, applied);
        if (raw < 0) {
            return List.of(); // not a milestone, or not in the history
        }
        // A second scan of the same milestone (a re-scanned arrival...): the step was measured with the other one.
        if ((raw > 0 && sameMilestone(all.get(raw - 1), applied)) || (raw + 1 < all.size() && sameMilestone(all.get(raw + 1), applied))) {
            return List.of();
        }
        List<Scan> milestones = collapse(all);
        int at = indexOf(milestones, applied);
        List<CompletedStep> out = new ArrayList<>(2);
        if (at > 0) {
            CompletedStep ended = step(milestones.get(at - 1), applied, scans, plan);
            if (ended != null) {
                out.add(ended);
            }
        }
        if (at + 1 < milestones.size()) {
            CompletedStep started = step(applied, milestones.get(at + 1), scans, plan);
            if (started != null) {
                out.add(started);
            }
        }
        return out;
    }

    /** Milestone scans in history order, a run of the same milestone (same type and place) kept as its first. */
    private static List<Scan> milestones(List<Scan> scans) {
        return collapse(milestoneScans(scans));
    }

    private static List<Scan> milestoneScans(List<Scan> scans) {
        List<Scan> out = new ArrayList<>(scans.size());
        for (Scan scan : scans) {
            if (isMilestone(scan.getType())) {
                out.add(scan);
            }
        }
        return out;
    }

    private static List<Scan> collapse(List<Scan> milestones) {
        List<Scan> out = new ArrayList<>(milestones.size());
        for (Scan scan : milestones) {
            if (out.isEmpty() || !sameMilestone(out.get(out.size() - 1), scan)) {
                out.add(scan);
            }
        }
        return out;
    }

    private static int indexOf(List<Scan> milestones, Scan applied) {
        for (int i = 0; i < milestones.size(); i++) {
            Scan m = milestones.get(i);
            if (m == applied || (m.getEventId().equals(applied.getEventId()) && m.getType().equals(applied.getType()))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isMilestone(String type) {
        return switch (type) {
            case CREATED, PICKED_UP, HUB_ARRIVED, HUB_DEPARTED, OUTLET_ARRIVED, DELIVERED -> true;
            default -> false;
        };
    }

    private static boolean sameMilestone(Scan a, Scan b) {
        return a.getType().equals(b.getType()) && Objects.equals(a.getFacilityId(), b.getFacilityId());
    }

    /** The step between two adjacent milestones, or null if they do not bound a step we learn. */
    private CompletedStep step(Scan from, Scan to, List<Scan> scans, JourneyPlan plan) {
        long duration = to.getTime() - from.getTime();
        if (duration < 0 || duration > MAX_STEP_MILLIS || spansDisorientingException(scans, from, to)) {
            return null;
        }
        StepKey key = keyOf(from, to, plan);
        return key == null ? null : new CompletedStep(key, from.getTime(), duration);
    }

    private static StepKey keyOf(Scan from, Scan to, JourneyPlan plan) {
        String service = plan.serviceLevel();
        String a = from.getFacilityId();
        String b = to.getFacilityId();
        return switch (from.getType() + ">" + to.getType()) {
            case CREATED + ">" + PICKED_UP -> StepKey.of(StepKind.PICKUP, firstKnown(b, plan.originOutletId()), service);
            case PICKED_UP + ">" + HUB_ARRIVED -> StepKey.of(StepKind.FIRST_MILE, firstKnown(a, plan.originOutletId()), service);
            case HUB_ARRIVED + ">" + HUB_DEPARTED -> a != null && a.equals(b)
                    ? StepKey.of(StepKind.DWELL, StepKey.dwell(a, nextStop(a, to.getDetail(), plan)), plan.dwellService()) : null;
            case HUB_DEPARTED + ">" + HUB_ARRIVED -> a != null && b != null && !a.equals(b)
                    ? StepKey.of(StepKind.TRANSIT, StepKey.lane(a, b), service) : null;
            case HUB_DEPARTED + ">" + OUTLET_ARRIVED -> StepKey.of(StepKind.LINE_TO_OUTLET, firstKnown(b, plan.destinationOutletId()), service);
            case OUTLET_ARRIVED + ">" + DELIVERED -> StepKey.of(StepKind.LAST_MILE, firstKnown(a, plan.destinationOutletId()), service);
            default -> null;
        };
    }

    /**
     * Where a parcel leaving {@code hub} goes: the departure scan's next facility (null for the destination outlet),
     * else the planned route's next hub (null after the last).
     */
    private static String nextStop(String hub, String departingTo, JourneyPlan plan) {
        if (departingTo != null) {
            return departingTo.equals(plan.destinationOutletId()) ? null : departingTo;
        }
        List<String> route = plan.plannedRoute();
        int at = route.indexOf(hub);
        return at >= 0 && at + 1 < route.size() ? route.get(at + 1) : null;
    }

    /** A lost or misrouted parcel's step is not how long that place takes. */
    private static boolean spansDisorientingException(List<Scan> scans, Scan from, Scan to) {
        for (Scan scan : scans) {
            if (scan.getTime() >= from.getTime() && scan.getTime() <= to.getTime() && EXCEPTION.equals(scan.getType())
                    && ("LOST".equals(scan.getDetail()) || "MISROUTED".equals(scan.getDetail()))) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ remaining steps

    /**
     * The steps from the parcel's current position to delivery along its planned route. With an unknown route
     * the parcel is assumed to need one hub (or, once at a hub, that hub to be its last); unknown places get
     * the {@link StepKey#UNKNOWN} scope, which the model never learns, so their priors apply. A parcel off its
     * route (misrouted) is assumed to go on to the first planned hub it has not reached yet.
     */
    public RemainingJourney remaining(List<Scan> scans, JourneyPlan plan) {
        Scan position = null;
        for (int i = scans.size() - 1; i >= 0 && position == null; i--) {
            Scan scan = scans.get(i);
            if (isPosition(scan)) {
                position = scan;
            }
        }
        List<String> route = plan.plannedRoute();
        String service = plan.serviceLevel();
        String origin = plan.originOutletId();
        List<StepKey> steps = new ArrayList<>(2 + 2 * Math.max(1, route.size()) + 2);
        if (position == null) {
            steps.add(StepKey.of(StepKind.PICKUP, origin, service));
            steps.add(StepKey.of(StepKind.FIRST_MILE, origin, service));
            hubsFrom(steps, route, 0, plan);
            return new RemainingJourney(steps, RemainingJourney.NOT_STARTED, false);
        }
        String facility = position.getFacilityId();
        int furthest = furthestPlannedHub(scans, route);
        switch (position.getType()) {
            case CREATED -> {
                steps.add(StepKey.of(StepKind.PICKUP, origin, service));
                steps.add(StepKey.of(StepKind.FIRST_MILE, origin, service));
                hubsFrom(steps, route, 0, plan);
            }
            case PICKED_UP -> {
                steps.add(StepKey.of(StepKind.FIRST_MILE, firstKnown(facility, origin), service));
                hubsFrom(steps, route, 0, plan);
            }
            case HUB_ARRIVED -> {
                steps.add(dwell(facility, route, furthest + 1, plan));
                onwardFrom(steps, facility, route, furthest + 1, plan);
            }
            case HUB_DEPARTED -> departedFrom(steps, facility, position.getDetail(), route, furthest, plan);
            case OUTLET_ARRIVED -> steps.add(StepKey.of(StepKind.LAST_MILE, firstKnown(facility, plan.destinationOutletId()), service));
            case OUT_FOR_DELIVERY -> {
                steps.add(StepKey.of(StepKind.ROUND, deliveringOutlet(scans, facility, plan), service));
                return new RemainingJourney(steps, position.getTime(), false);
            }
            case DELIVERY_FAILED -> {
                Scan arrival = lastOutletArrival(scans);
                String outlet = firstKnown(arrival != null ? arrival.getFacilityId() : facility, plan.destinationOutletId());
                steps.add(StepKey.of(StepKind.LAST_MILE, outlet, service));
                return new RemainingJourney(steps, arrival != null ? arrival.getTime() : firstDeliveryRound(scans), false);
            }
            default -> {
                return RemainingJourney.FINISHED; // delivered, returned, lost
            }
        }
        return new RemainingJourney(steps, position.getTime(), false);
    }

    private static boolean isPosition(Scan scan) {
        return switch (scan.getType()) {
            case CREATED, PICKED_UP, HUB_ARRIVED, HUB_DEPARTED, OUTLET_ARRIVED, OUT_FOR_DELIVERY, DELIVERY_FAILED, DELIVERED, RETURNED -> true;
            case EXCEPTION -> "LOST".equals(scan.getDetail());
            default -> false;
        };
    }

    /** Index in the route of the furthest planned hub the parcel has been scanned at, -1 if none. */
    private static int furthestPlannedHub(List<Scan> scans, List<String> route) {
        int furthest = -1;
        for (Scan scan : scans) {
            if (!HUB_ARRIVED.equals(scan.getType()) && !HUB_DEPARTED.equals(scan.getType())) {
                continue;
            }
            String hub = scan.getFacilityId();
            for (int k = furthest + 1; k < route.size(); k++) {
                if (route.get(k).equals(hub)) {
                    furthest = k;
                    break;
                }
            }
        }
        return furthest;
    }

    /** Dwell and transits through the route from index {@code from} on, then the way to the outlet and the last mile. */
    private static void hubsFrom(List<StepKey> steps, List<String> route, int from, JourneyPlan plan) {
        String service = plan.serviceLevel();
        if (route.isEmpty()) {
            steps.add(StepKey.of(StepKind.DWELL, StepKey.UNKNOWN, plan.dwellService()));
        }
        for (int k = from; k < route.size(); k++) {
            if (k > from) {
                steps.add(StepKey.of(StepKind.TRANSIT, StepKey.lane(route.get(k - 1), route.get(k)), service));
            }
            steps.add(dwell(route.get(k), route, k + 1, plan));
        }
        toOutlet(steps, plan);
    }

    /** From a hub the parcel is at (planned or not) on to the planned hub at {@code next}, and beyond. */
    private static void onwardFrom(List<StepKey> steps, String hub, List<String> route, int next, JourneyPlan plan) {
        if (next < route.size()) {
            steps.add(StepKey.of(StepKind.TRANSIT, StepKey.lane(hub, route.get(next)), plan.serviceLevel()));
            hubsFrom(steps, route, next, plan);
        } else {
            toOutlet(steps, plan);
        }
    }

    private static void departedFrom(List<StepKey> steps, String hub, String nextFacility, List<String> route, int furthest,
                                     JourneyPlan plan) {
        String service = plan.serviceLevel();
        String destination = plan.destinationOutletId();
        boolean toOutlet = nextFacility != null ? nextFacility.equals(destination) : furthest + 1 >= route.size();
        if (toOutlet) {
            toOutlet(steps, plan);
            return;
        }
        String nextHub = nextFacility != null ? nextFacility : route.get(furthest + 1);
        steps.add(StepKey.of(StepKind.TRANSIT, StepKey.lane(hub, nextHub), service));
        int at = route.indexOf(nextHub);
        int onward = at > furthest ? at + 1 : furthest + 1;
        steps.add(dwell(nextHub, route, onward, plan));
        onwardFrom(steps, nextHub, route, onward, plan);
    }

    /** The dwell at {@code hub} before leaving for the planned hub at {@code next}, or for the outlets past the route's end. */
    private static StepKey dwell(String hub, List<String> route, int next, JourneyPlan plan) {
        return StepKey.of(StepKind.DWELL, StepKey.dwell(hub, next < route.size() ? route.get(next) : null), plan.dwellService());
    }

    private static void toOutlet(List<StepKey> steps, JourneyPlan plan) {
        steps.add(StepKey.of(StepKind.LINE_TO_OUTLET, plan.destinationOutletId(), plan.serviceLevel()));
        steps.add(StepKey.of(StepKind.LAST_MILE, plan.destinationOutletId(), plan.serviceLevel()));
    }

    /** The outlet of the last outlet arrival in {@code scans}, else {@code facility}, else the planned destination. */
    private static String deliveringOutlet(List<Scan> scans, String facility, JourneyPlan plan) {
        Scan arrival = lastOutletArrival(scans);
        return firstKnown(arrival != null ? arrival.getFacilityId() : facility, plan.destinationOutletId());
    }

    private static Scan lastOutletArrival(List<Scan> scans) {
        for (int i = scans.size() - 1; i >= 0; i--) {
            Scan scan = scans.get(i);
            if (OUTLET_ARRIVED.equals(scan.getType())) {
                return scan;
            }
            if (HUB_DEPARTED.equals(scan.getType()) || HUB_ARRIVED.equals(scan.getType())) {
                return null; // the outlet arrival was not scanned
            }
        }
        return null;
    }

    /** Without an outlet arrival scan, the last mile is taken to start at the first delivery round after the hubs. */
    private static long firstDeliveryRound(List<Scan> scans) {
        long first = RemainingJourney.NOT_STARTED;
        for (int i = scans.size() - 1; i >= 0; i--) {
            Scan scan = scans.get(i);
            String type = scan.getType();
            if (OUT_FOR_DELIVERY.equals(type) || DELIVERY_FAILED.equals(type)) {
                first = scan.getTime();
            } else if (HUB_DEPARTED.equals(type) || HUB_ARRIVED.equals(type)) {
                break;
            }
        }
        return first;
    }

    private static String firstKnown(String a, String b) {
        return a != null ? a : b;
    }
}
