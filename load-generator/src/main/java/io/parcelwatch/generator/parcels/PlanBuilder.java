package io.parcelwatch.generator.parcels;

import static io.parcelwatch.generator.network.ChinaTime.HOUR;
import static io.parcelwatch.generator.network.ChinaTime.MINUTE;

import io.parcelwatch.generator.anomalies.AnomalyConfig;
import io.parcelwatch.generator.anomalies.Incident;
import io.parcelwatch.generator.anomalies.IncidentSchedule;
import io.parcelwatch.generator.anomalies.Label;
import io.parcelwatch.generator.anomalies.LabelSink;
import io.parcelwatch.generator.disorder.Disorder;
import io.parcelwatch.generator.disorder.DisorderConfig;
import io.parcelwatch.generator.network.ChinaTime;
import io.parcelwatch.generator.network.Facility;
import io.parcelwatch.generator.network.Lane;
import io.parcelwatch.generator.network.Network;
import io.parcelwatch.generator.network.Outlet;
import io.parcelwatch.generator.random.Rng;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.ComplaintReason;
import io.parcelwatch.schema.DeliveryMethod;
import io.parcelwatch.schema.ExceptionCode;
import io.parcelwatch.schema.FailureReason;
import io.parcelwatch.schema.ParcelCategory;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.ServiceLevel;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides everything about a parcel when it is created: attributes, route, the time of every scan
 * (normal process from {@link ProcessModel}), the anomalies it suffers and the ground-truth labels
 * for them, its complaint if any, and the disorder of each scan. Not thread-safe: one per generator
 * thread (it reuses scratch buffers so that building a plan allocates little).
 *
 * <p>Each parcel draws from independent random streams derived from the seed and its index: one for
 * the normal process, one for anomalies, one for complaints and one for disorder, so that changing
 * disorder settings leaves every scan of every parcel in place (only sent differently).
 */
public final class PlanBuilder {
    static final long PLAN = 1;
    static final long ANOMALY = 2;
    static final long DISORDER = 3;
    static final long COMPLAINT = 4;
    static final long HUB_LOSS = 5;
    public static final long RECIPIENT = 6;

    /** Complaints must be answered within this long after they are opened. */
    public static final long COMPLAINT_DEADLINE = 24 * HOUR;
    /** Of the complaints answered late, this share is never answered at all. */
    static final double NEVER_ANSWERED_SHARE = 0.25;

    private enum Fate { NONE, LOST, STALE, DAMAGED }

    private final long seed;
    private final Network network;
    private final AnomalyConfig anomalies;
    private final DisorderConfig disorder;
    private final IncidentSchedule hubLosses;
    private final IncidentSchedule disruptions;
    private final LabelSink labels;
    private final long labelHorizon;
    private final ParcelIds ids;

    // scratch: the steps of the parcel being built, in insertion order
    private long[] times = new long[64];
    private int[] types = new int[64];
    private int[] extras = new int[64];
    private int[] facilities = new int[64];
    private boolean[] guarded = new boolean[64];
    private int n;
    private long[] sortKeys = new long[64];
    private boolean[] sortedGuard = new boolean[64];

    // per-parcel state while building
    private ParcelPlan plan;
    private Rng rng;
    private long clock;
    private boolean cold;
    private Fate fate;
    private int fateSlot;
    private double gapFactor;
    private int lastProgress;
    private int staleStep;
    private long staleGap;
    private Stage staleStage;
    private int gapEndStep;
    private int lostStep;
    private Incident lostAt;
    private int damageHub;
    private int damageStep;
    private boolean lockerViolation;
    private int lockerStep;
    private Incident disruption;
    private long holdStart;
    private long release;
    private int holdHub;
    private int failedAttempts;
    private long pickupTime;

    public PlanBuilder(long seed, Network network, AnomalyConfig anomalies, DisorderConfig disorder, IncidentSchedule hubLosses,
                       IncidentSchedule disruptions, LabelSink labels, long labelHorizon) {
        this.seed = seed;
        this.network = network;
        this.anomalies = anomalies;
        this.disorder = disorder;
        this.hubLosses = hubLosses;
        this.disruptions = disruptions;
        this.labels = labels;
        this.labelHorizon = labelHorizon;
        this.ids = new ParcelIds(seed);
    }

    public ParcelIds ids() {
        return ids;
    }

    public ParcelPlan build(long index, long createdAt) {
        plan = new ParcelPlan(index, ids, Rng.mix(seed ^ Rng.mix(index)), createdAt);
        n = 0;
        rng = Rng.derive(seed, index, PLAN);
        Rng arng = Rng.derive(seed, index, ANOMALY);

        // --- attributes
        int[] outlets = network.outlets();
        plan.origin = outlets[rng.weighted(network.originCumulative())];
        plan.destination = outlets[rng.weighted(network.destinationCumulative())];
        Outlet originOutlet = network.outlet(plan.origin);
        Outlet destinationOutlet = network.outlet(plan.destination);
        plan.route = network.route(originOutlet.hub(), destinationOutlet.hub());
        double c = rng.nextDouble();
        plan.category = c < 0.06 ? ParcelCategory.FRESH : c < 0.09 ? ParcelCategory.MEDICINE : ParcelCategory.REGULAR;
        cold = ColdChain.isColdChain(plan.category);
        plan.serviceLevel = Promises.chooseLevel(rng, plan.route.length, createdAt, cold);
        plan.promisedAt = Promises.promise(plan.serviceLevel, plan.route.length, destinationOutlet.rural(), createdAt);
        plan.doorRequested = rng.chance(destinationOutlet.rural() ? ProcessModel.DOOR_REQUESTED_RURAL : ProcessModel.DOOR_REQUESTED_URBAN);
        plan.pickupCourier = rng.nextInt(originOutlet.couriers().length);
        plan.deliveryCourier = rng.nextInt(destinationOutlet.couriers().length);

        // --- anomalies, all drawn up front (a fixed number of draws)
        double u = arng.nextDouble();
        fate = u < anomalies.lostShare() ? Fate.LOST
                : u < anomalies.lostShare() + anomalies.staleShare() ? Fate.STALE
                : u < anomalies.lostShare() + anomalies.staleShare() + anomalies.damageShare() ? Fate.DAMAGED : Fate.NONE;
        fateSlot = arng.nextInt(3 + 2 * plan.route.length);
        gapFactor = arng.uniform(StageLimits.STALE_GAP_MIN_FACTOR, StageLimits.STALE_GAP_MAX_FACTOR);
        damageHub = arng.nextInt(plan.route.length);
        lockerViolation = plan.doorRequested && arng.nextDouble() < anomalies.lockerViolationShare();
        boolean excursion = cold && arng.nextDouble() < anomalies.coldExcursionShare();
        double excursionPick = arng.nextDouble();
        int excursionReadings = ColdChain.EXCURSION_MIN_READINGS
                + arng.nextInt(ColdChain.EXCURSION_MAX_READINGS - ColdChain.EXCURSION_MIN_READINGS + 1);
        plan.excursionLow = arng.nextDouble() < 0.35;

        lastProgress = -1;
        staleStep = -1;
        gapEndStep = -1;
        lostStep = -1;
        lostAt = null;
        damageStep = -1;
        lockerStep = -1;
        disruption = null;
        failedAttempts = 0;

        timeline(index, originOutlet, destinationOutlet);
        int progressSteps = n;
        if (cold) {
            temperatureReadings(progressSteps, excursion, excursionPick, excursionReadings);
        }
        emitLabels(progressSteps);
        complaint(index);
        finish();
        assignDisorder(Rng.derive(seed, index, DISORDER));
        ParcelPlan built = plan;
        plan = null;
        return built;
    }

    // ------------------------------------------------------------------ the normal process (and fates)

    private void timeline(long index, Outlet originOutlet, Outlet destinationOutlet) {
        boolean express = plan.serviceLevel == ServiceLevel.SAME_DAY;
        clock = plan.createdAt;
        add(clock, ScanType.CREATED, -1, 0);

        // pickup
        long tod = ChinaTime.timeOfDay(clock);
        if (express) {
            clock += hours(rng.logNormal(ProcessModel.EXPRESS_STEP_MEDIAN_H, 0.4, ProcessModel.EXPRESS_STEP_CAP_H));
        } else if (tod >= ProcessModel.PICKUP_CUTOFF || tod < ProcessModel.PICKUP_OPENS) {
            long opens = ChinaTime.nextSlot(clock, new long[] {ProcessModel.PICKUP_OPENS});
            clock = opens + hours(rng.logNormal(ProcessModel.MORNING_PICKUP_MEDIAN_H, 0.5, ProcessModel.MORNING_PICKUP_CAP_H));
        } else {
            double untilClose = (ProcessModel.PICKUP_CLOSES - tod) / (double) HOUR;
            clock += hours(rng.logNormal(ProcessModel.PICKUP_MEDIAN_H, ProcessModel.PICKUP_SIGMA, Math.min(ProcessModel.PICKUP_CAP_H, untilClose)));
        }
        add(clock, ScanType.PICKED_UP, originOutlet.facility(), 0);
        pickupTime = clock;
        if (checkpoint(0)) {
            return;
        }

        // to the origin hub
        if (express) {
            clock += hours(rng.logNormal(ProcessModel.EXPRESS_STEP_MEDIAN_H, 0.4, ProcessModel.EXPRESS_STEP_CAP_H));
        } else if (cold) {
            clock += hours(rng.logNormal(ProcessModel.COLD_TO_HUB_MEDIAN_H, 0.4, ProcessModel.COLD_TO_HUB_CAP_H));
        } else {
            long shuttle = ChinaTime.nextSlot(clock + ProcessModel.SHUTTLE_HANDLING, ProcessModel.OUTLET_SHUTTLES);
            clock = shuttle + hours(rng.logNormal(ProcessModel.SHUTTLE_MEDIAN_H, ProcessModel.SHUTTLE_SIGMA, ProcessModel.SHUTTLE_CAP_H));
        }

        int[] route = plan.route;
        Rng lossRng = null;
        for (int i = 0; i < route.length; i++) {
            int hub = route[i];
            add(clock, ScanType.HUB_ARRIVED, hub, 0);
            if (fate != Fate.LOST && hubLosses != null) {
                Incident loss = hubLosses.find(hub, -1, clock);
                if (loss != null) {
                    if (lossRng == null) {
                        lossRng = Rng.derive(seed, index, HUB_LOSS);
                    }
                    boolean swallowed = lossRng.nextDouble() < loss.share();
                    loss.met(swallowed);
                    if (swallowed) {
                        lostStep = n - 1;
                        lostAt = loss;
                        terminate(FinalStatus.LOST, n - 1);
                        return;
                    }
                }
            }
            if (checkpoint(1 + 2 * i)) {
                return;
            }
            double sortHours = express ? rng.logNormal(0.5, 0.4, 1)
                    : cold ? rng.logNormal(ProcessModel.COLD_SORT_MEDIAN_H, ProcessModel.SORT_SIGMA, ProcessModel.COLD_SORT_CAP_H)
                    : rng.logNormal(ProcessModel.SORT_MEDIAN_H, ProcessModel.SORT_SIGMA, ProcessModel.SORT_CAP_H);
            double damageAt = rng.uniform(0.2, 0.9);
            long ready = clock + hours(sortHours);
            if (fate == Fate.DAMAGED && i == damageHub) {
                add(clock + (long) ((ready - clock) * damageAt), ScanType.EXCEPTION, hub, ExceptionCode.DAMAGED.ordinal());
                damageStep = n - 1;
            }
            if (i < route.length - 1) {
                int next = route[i + 1];
                Lane lane = network.lane(hub, next);
                long[] schedule = cold ? ProcessModel.COLD_CHAIN_DEPARTURES
                        : lane.longHaul() ? ProcessModel.LONG_HAUL_WAVES : ProcessModel.SHORT_HAUL_DEPARTURES;
                long departure = express ? ready : ChinaTime.nextSlot(ready, schedule);
                Incident disrupted = disruptions == null ? null : disruptions.find(hub, next, departure);
                if (disrupted != null) {
                    disrupted.met(true);
                    if (disruption == null) {
                        disruption = disrupted;
                        holdStart = departure;
                        holdHub = hub;
                    }
                    long held = departure;
                    while (held < disrupted.end()) {
                        add(held, ScanType.EXCEPTION, hub, ExceptionCode.HELD.ordinal());
                        held += ProcessModel.HOLD_RESCAN;
                    }
                    departure = express ? disrupted.end() : ChinaTime.nextSlot(disrupted.end(), schedule);
                    if (disruption == disrupted) {
                        release = departure;
                    }
                }
                long transit = hours(rng.logNormal(lane.medianHours(), lane.sigma(), lane.capHours()));
                departureScan(hub, ready, departure);
                if (checkpoint(2 + 2 * i)) {
                    return;
                }
                clock += transit;
            } else {
                long[] schedule = cold ? ProcessModel.COLD_CHAIN_DEPARTURES : ProcessModel.HUB_TO_OUTLET_SHUTTLES;
                long departure = express ? ready : ChinaTime.nextSlot(ready, schedule);
                long transit = hours(express ? rng.logNormal(ProcessModel.EXPRESS_STEP_MEDIAN_H, 0.4, ProcessModel.EXPRESS_STEP_CAP_H)
                        : rng.logNormal(ProcessModel.TO_OUTLET_MEDIAN_H, ProcessModel.TO_OUTLET_SIGMA, ProcessModel.TO_OUTLET_CAP_H));
                departureScan(hub, ready, departure);
                if (checkpoint(2 + 2 * i)) {
                    return;
                }
                clock += transit;
            }
        }

        int outlet = destinationOutlet.facility();
        add(clock, ScanType.OUTLET_ARRIVED, outlet, 0);
        if (checkpoint(1 + 2 * route.length)) {
            return;
        }
        boolean rural = destinationOutlet.rural();
        for (int attempt = 1; attempt <= ProcessModel.MAX_ATTEMPTS; attempt++) {
            long out;
            if (attempt == 1 && express) {
                out = clock + rng.uniformLong(15 * MINUTE, 30 * MINUTE);
            } else {
                long ready = clock + (attempt == 1 ? rng.uniformLong(ProcessModel.OUTLET_SORT_MIN, ProcessModel.OUTLET_SORT_MAX)
                        : ProcessModel.RETRY_HANDLING);
                out = ChinaTime.nextSlot(ready, rural ? ProcessModel.RURAL_ROUNDS : ProcessModel.URBAN_ROUNDS)
                        + rng.uniformLong(0, ProcessModel.ROUND_JITTER);
            }
            add(out, ScanType.OUT_FOR_DELIVERY, outlet, 0);
            clock = out;
            if (attempt == 1 && checkpoint(2 + 2 * route.length)) {
                return;
            }
            // how it is delivered
            double m = rng.nextDouble();
            int pick = rng.nextInt(1 << 20);
            DeliveryMethod method;
            boolean consented = false;
            boolean hasLocker = destinationOutlet.lockers().length > 0;
            if (plan.doorRequested) {
                if (lockerViolation) {
                    method = hasLocker && m < 0.6 ? DeliveryMethod.LOCKER : DeliveryMethod.STATION;
                } else if (m < ProcessModel.CONSENTED_LOCKER_SHARE) {
                    method = hasLocker ? DeliveryMethod.LOCKER : DeliveryMethod.STATION;
                    consented = true;
                } else {
                    method = DeliveryMethod.DOOR;
                }
            } else if (hasLocker) {
                method = m < ProcessModel.LOCKER_SHARE ? DeliveryMethod.LOCKER
                        : m < ProcessModel.LOCKER_SHARE + ProcessModel.STATION_SHARE ? DeliveryMethod.STATION : DeliveryMethod.DOOR;
            } else {
                method = m < 0.6 ? DeliveryMethod.STATION : DeliveryMethod.DOOR;
            }
            double duration = express && attempt == 1 ? rng.logNormal(1.0, 0.4, 3)
                    : rural ? rng.logNormal(ProcessModel.RURAL_DELIVERY_MEDIAN_H, ProcessModel.DELIVERY_SIGMA, ProcessModel.RURAL_DELIVERY_CAP_H)
                    : rng.logNormal(ProcessModel.URBAN_DELIVERY_MEDIAN_H, ProcessModel.DELIVERY_SIGMA, ProcessModel.URBAN_DELIVERY_CAP_H);
            double f = rng.nextDouble();
            double r = rng.nextDouble();
            long returnDelay = rng.uniformLong(ProcessModel.RETURN_MIN, ProcessModel.RETURN_MAX);
            clock += hours(duration);
            double failure = method == DeliveryMethod.DOOR ? ProcessModel.DOOR_FAILURE_PROBABILITY : ProcessModel.LOCKER_FAILURE_PROBABILITY;
            if (!lockerViolation && f < failure) {
                FailureReason reason = r < 0.70 ? FailureReason.RECIPIENT_ABSENT : r < 0.82 ? FailureReason.ADDRESS_WRONG
                        : r < 0.90 ? FailureReason.REFUSED : FailureReason.OTHER;
                add(clock, ScanType.DELIVERY_FAILED, outlet, reason.ordinal());
                failedAttempts++;
                if (reason == FailureReason.REFUSED || attempt == ProcessModel.MAX_ATTEMPTS) {
                    clock += returnDelay;
                    add(clock, ScanType.RETURNED, outlet, 0);
                    terminate(FinalStatus.RETURNED, n - 1);
                    return;
                }
                continue;
            }
            int place = switch (method) {
                case LOCKER -> destinationOutlet.lockers()[pick % destinationOutlet.lockers().length];
                case STATION -> destinationOutlet.stations()[pick % destinationOutlet.stations().length];
                default -> outlet;
            };
            add(clock, ScanType.DELIVERED, place, method.ordinal() | (consented ? 4 : 0));
            plan.deliveredAt = clock;
            plan.deliveryMethod = method;
            if (lockerViolation) {
                lockerStep = n - 1;
            }
            terminate(FinalStatus.DELIVERED, n - 1);
            return;
        }
        throw new IllegalStateException("unreachable: every attempt either delivers, fails or returns");
    }

    /**
     * The HUB_DEPARTED scan is made while loading, up to {@link ProcessModel#DEPARTURE_SCAN_LEAD} before the
     * vehicle leaves (never before the parcel is ready or before its previous scan). Sets the clock to
     * the scan; the caller adds the transit, which counts from the vehicle's departure.
     */
    private void departureScan(int hub, long ready, long departure) {
        long lead = rng.uniformLong(0, ProcessModel.DEPARTURE_SCAN_LEAD);
        long scan = Math.max(Math.max(ready, times[n - 1]), departure - lead);
        add(scan, ScanType.HUB_DEPARTED, hub, 0);
        clock = departure;
    }

    /** After a progress scan at {@code clock}: applies a LOST or STALE fate chosen for this slot. True if the parcel is lost. */
    private boolean checkpoint(int slot) {
        if (slot != fateSlot) {
            return false;
        }
        if (fate == Fate.LOST) {
            lostStep = n - 1;
            terminate(FinalStatus.LOST, n - 1);
            return true;
        }
        if (fate == Fate.STALE) {
            staleStep = n - 1;
            staleStage = Stage.after(ScanType.values()[types[n - 1]]);
            staleGap = (long) (StageLimits.limit(staleStage, cold) * gapFactor);
            clock += staleGap;
        }
        return false;
    }

    private void terminate(FinalStatus status, int step) {
        plan.plannedStatus = status;
        plan.terminalStep = step; // pre-sort index; remapped in finish()
    }

    private int add(long time, ScanType type, int facility, int extra) {
        return addStep(time, type.ordinal(), facility, extra);
    }

    private int addStep(long time, int type, int facility, int extra) {
        if (n == times.length) {
            grow();
        }
        times[n] = time;
        types[n] = type;
        extras[n] = extra;
        facilities[n] = facility;
        guarded[n] = false;
        if (!StepKind.isComplaint(type) && type != ScanType.TEMPERATURE.ordinal()) {
            if (staleStep >= 0 && gapEndStep < 0 && n > staleStep) {
                gapEndStep = n;
            }
            lastProgress = n;
        }
        return n++;
    }

    private void grow() {
        int size = times.length * 2;
        times = Arrays.copyOf(times, size);
        types = Arrays.copyOf(types, size);
        extras = Arrays.copyOf(extras, size);
        facilities = Arrays.copyOf(facilities, size);
        guarded = Arrays.copyOf(guarded, size);
        sortKeys = new long[size];
        sortedGuard = new boolean[size];
    }

    // ------------------------------------------------------------------ cold chain

    private void temperatureReadings(int progressSteps, boolean excursion, double excursionPick, int excursionReadings) {
        long end = times[plan.terminalStep];
        long silentFrom = staleStep >= 0 ? times[staleStep] : Long.MAX_VALUE;
        long silentUntil = gapEndStep >= 0 ? times[gapEndStep] : Long.MAX_VALUE;
        int first = n;
        int progress = 0;
        for (long t = pickupTime + ColdChain.READING_INTERVAL; t < end; t += ColdChain.READING_INTERVAL) {
            if (t > silentFrom && t < silentUntil) {
                continue;
            }
            while (progress + 1 < progressSteps && times[progress + 1] <= t) {
                progress++;
            }
            int type = types[progress];
            boolean atPlace = type == ScanType.HUB_ARRIVED.ordinal() || type == ScanType.EXCEPTION.ordinal()
                    || type == ScanType.OUTLET_ARRIVED.ordinal() || type == ScanType.DELIVERY_FAILED.ordinal();
            addStep(t, ScanType.TEMPERATURE.ordinal(), atPlace ? facilities[progress] : -1, 0);
        }
        if (!excursion) {
            return;
        }
        // an excursion spans `readings` consecutive readings outside the range, then one back inside
        int candidates = 0;
        int[] starts = new int[Math.max(0, n - first)];
        for (int s = first; s + excursionReadings < n; s++) {
            if (times[s + excursionReadings] - times[s] == excursionReadings * ColdChain.READING_INTERVAL) {
                starts[candidates++] = s;
            }
        }
        if (candidates == 0) {
            return; // too short a trip for an excursion
        }
        int s = starts[(int) (excursionPick * candidates)];
        plan.excursionFrom = times[s];
        plan.excursionUntil = times[s + excursionReadings];
        for (int k = s; k <= s + excursionReadings; k++) {
            guarded[k] = true;
        }
    }

    // ------------------------------------------------------------------ ground truth

    private void emitLabels(int progressSteps) {
        String parcelId = plan.parcelId();
        if (staleStep >= 0 && gapEndStep >= 0) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("gapStart", iso(times[staleStep]));
            d.put("gapEnd", iso(times[gapEndStep]));
            d.put("stage", staleStage.name());
            d.put("gapHours", round1((times[gapEndStep] - times[staleStep]) / (double) HOUR));
            d.put("limitHours", round1(StageLimits.limit(staleStage, cold) / (double) HOUR));
            label(AlertKind.STALE_TRACKING, parcelId, facilities[staleStep], times[staleStep], times[gapEndStep], d,
                    times[staleStep] + StageLimits.limit(staleStage, cold));
            guarded[staleStep] = true;
            guarded[gapEndStep] = true;
        }
        if (lostStep >= 0) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("lastFacility", facilityId(facilities[lostStep]));
            d.put("lastScanType", ScanType.values()[types[lostStep]].name());
            d.put("cause", lostAt != null ? "hubLoss:" + facilityId(lostAt.hub()) : "vanished");
            Stage lostStage = Stage.after(ScanType.values()[types[lostStep]]);
            label(AlertKind.LOST, parcelId, facilities[lostStep], times[lostStep], null, d,
                    times[lostStep] + StageLimits.lostAfter(lostStage, cold));
            guarded[lostStep] = true;
        }
        if (damageStep >= 0) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("hub", facilityId(facilities[damageStep]));
            label(AlertKind.DAMAGED, parcelId, facilities[damageStep], times[damageStep], null, d);
        }
        if (lockerStep >= 0) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("method", plan.deliveryMethod.name());
            d.put("outlet", facilityId(plan.destination));
            d.put("courierId", network.outlet(plan.destination).couriers()[plan.deliveryCourier]);
            label(AlertKind.LOCKER_WITHOUT_CONSENT, parcelId, facilities[lockerStep], times[lockerStep], null, d);
        }
        if (plan.excursionFrom >= 0) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("category", plan.category.name());
            d.put("minCelsius", ColdChain.min(plan.category));
            d.put("maxCelsius", ColdChain.max(plan.category));
            d.put("direction", plan.excursionLow ? "below" : "above");
            d.put("minutes", (plan.excursionUntil - plan.excursionFrom) / MINUTE);
            label(AlertKind.COLD_CHAIN_EXCURSION, parcelId, -1, plan.excursionFrom, plan.excursionUntil, d);
        }
        if (plan.deliveredAt > plan.promisedAt) {
            predictedDelay(progressSteps);
        }
    }

    private void predictedDelay(int progressSteps) {
        long from;
        String cause;
        int facility;
        // the first scan after the promise, and what made the parcel late
        int firstLate = -1;
        for (int i = 0; i < progressSteps; i++) {
            if (times[i] > plan.promisedAt) {
                firstLate = i;
                break;
            }
        }
        long staleStart = staleStep >= 0 ? times[staleStep] : Long.MAX_VALUE;
        if (disruption != null && holdStart < staleStart) {
            Facility a = network.facility(holdHub);
            cause = "laneDisruption:" + a.id() + ">" + facilityId(disruption.toHub());
            long inevitable = plan.promisedAt - (plan.deliveredAt - release);
            from = Math.min(Math.max(inevitable, holdStart), plan.deliveredAt);
            facility = holdHub;
        } else {
            cause = staleStep >= 0 ? "staleTracking" : failedAttempts > 0 ? "deliveryRetry" : "transitVariation";
            from = times[firstLate];
            facility = facilities[firstLate];
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("promised", iso(plan.promisedAt));
        d.put("actual", iso(plan.deliveredAt));
        d.put("lateMinutes", (plan.deliveredAt - plan.promisedAt) / MINUTE);
        d.put("cause", cause);
        d.put("serviceLevel", plan.serviceLevel.name());
        label(AlertKind.PREDICTED_DELAY, plan.parcelId(), facility, from, null, d);
    }

    private void complaint(long index) {
        Rng crng = Rng.derive(seed, index, COMPLAINT);
        boolean loss = crng.nextDouble() < 0.6;
        boolean damage = crng.nextDouble() < 0.5;
        boolean locker = crng.nextDouble() < 0.35;
        boolean delay = crng.nextDouble() < 0.12;
        boolean tracking = crng.nextDouble() < 0.2;
        boolean other = crng.nextDouble() < anomalies.complaintShare();
        double when = crng.nextDouble();
        double lateU = crng.nextDouble();
        double neverU = crng.nextDouble();
        double responseU = crng.logNormal(5, 0.8, 22);
        double lateBy = crng.logUniform(0.5, 48);
        double closeAfter = crng.uniform(2, 72);
        boolean courier = crng.nextDouble() < 0.6;

        FinalStatus status = plan.plannedStatus;
        long end = times[plan.terminalStep];
        ComplaintReason reason = null;
        long opened = 0;
        if (status == FinalStatus.LOST && loss) {
            reason = ComplaintReason.LOSS;
            opened = Math.max(end, plan.promisedAt) + hours(2 + 22 * when);
        } else if (damageStep >= 0 && status == FinalStatus.DELIVERED && damage) {
            reason = ComplaintReason.DAMAGE;
            opened = plan.deliveredAt + hours(1 + 11 * when);
        } else if (lockerStep >= 0 && locker) {
            reason = ComplaintReason.LOCKER_WITHOUT_CONSENT;
            opened = plan.deliveredAt + hours(0.5 + 5.5 * when);
        } else if (plan.deliveredAt > plan.promisedAt && delay) {
            reason = ComplaintReason.DELAY;
            opened = plan.promisedAt + hours(1 + 11 * when);
        } else if (staleStep >= 0 && gapEndStep >= 0 && tracking) {
            reason = ComplaintReason.TRACKING;
            long limit = StageLimits.limit(staleStage, cold);
            opened = times[staleStep] + limit + (long) ((times[gapEndStep] - times[staleStep] - limit) * when);
        } else if (status != FinalStatus.LOST && other) {
            reason = courier ? ComplaintReason.COURIER_SERVICE : ComplaintReason.OTHER;
            opened = end + hours(1 + 23 * when);
        }
        if (reason == null) {
            return;
        }
        long deadline = opened + COMPLAINT_DEADLINE;
        boolean late = lateU < anomalies.lateResponseShare();
        boolean never = late && neverU < NEVER_ANSWERED_SHARE;
        long responded = !late ? opened + hours(responseU) : never ? -1 : deadline + hours(lateBy);
        int region = plan.destination;
        addStep(opened, StepKind.COMPLAINT_OPENED, region, reason.ordinal());
        if (responded >= 0) {
            addStep(responded, StepKind.COMPLAINT_RESPONDED, region, reason.ordinal());
            addStep(responded + hours(closeAfter), StepKind.COMPLAINT_CLOSED, region, reason.ordinal());
        }
        if (late) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("complaintId", ParcelIds.complaintId(plan.parcelId()));
            d.put("reason", reason.name());
            d.put("openedAt", iso(opened));
            d.put("deadline", iso(deadline));
            d.put("respondedAt", responded < 0 ? null : iso(responded));
            Facility f = network.facility(region);
            if (deadline <= labelHorizon) {
                labels.accept(new Label(AlertKind.COMPLAINT_DEADLINE, plan.parcelId(), null, f.regionId(), deadline,
                        responded < 0 ? null : responded, d));
            }
        }
    }

    private void label(AlertKind kind, String parcelId, int facility, long from, Long until, Map<String, Object> details) {
        label(kind, parcelId, facility, from, until, details, null);
    }

    /** {@code detectableFrom}: for anomalies that show only by a silence, when the stage standards reveal it. */
    private void label(AlertKind kind, String parcelId, int facility, long from, Long until, Map<String, Object> details, Long detectableFrom) {
        if (from > labelHorizon) {
            return;
        }
        Facility f = facility >= 0 ? network.facility(facility) : null;
        labels.accept(new Label(kind, parcelId, f == null ? null : f.id(), f == null ? null : f.regionId(), from, until, details,
                detectableFrom, true));
    }

    // ------------------------------------------------------------------ packing and disorder

    /** Sorts the steps by time (stable) into the plan's compact array. */
    private void finish() {
        for (int i = 0; i < n; i++) {
            long offset = times[i] - plan.createdAt;
            if (offset < 0 || offset > Integer.MAX_VALUE) {
                throw new IllegalStateException("step " + i + " of " + plan.parcelId() + " is " + offset + " ms after creation");
            }
            sortKeys[i] = offset << 16 | i;
        }
        Arrays.sort(sortKeys, 0, n);
        int[] steps = new int[n * ParcelPlan.STRIDE];
        int terminal = -1;
        for (int k = 0; k < n; k++) {
            int i = (int) (sortKeys[k] & 0xFFFF);
            int base = k * ParcelPlan.STRIDE;
            steps[base] = (int) (sortKeys[k] >>> 16);
            steps[base + 1] = types[i] | extras[i] << ParcelPlan.EXTRA_SHIFT | (facilities[i] + 1) << ParcelPlan.FACILITY_SHIFT;
            sortedGuard[k] = guarded[i];
            if (i == plan.terminalStep) {
                terminal = k;
            }
        }
        plan.steps = steps;
        plan.stepCount = n;
        plan.terminalStep = terminal;
        if (n >= 1 << 16) {
            throw new IllegalStateException("too many steps for " + plan.parcelId());
        }
    }

    private void assignDisorder(Rng drng) {
        double late = disorder.lateShare();
        double dup = late + disorder.duplicateShare();
        double corr = dup + disorder.correctionShare();
        double missing = corr + disorder.missingShare();
        int[] steps = plan.steps;
        int debt = 0;
        int lastKeptProgress = -1;
        for (int k = 0; k < n; k++) {
            int type = steps[k * ParcelPlan.STRIDE + 1] & 0xF;
            if (StepKind.isComplaint(type)) {
                continue;
            }
            double u = drng.nextDouble();
            double p1 = drng.nextDouble();
            double p2 = drng.nextDouble();
            double p3 = drng.nextDouble();
            boolean progress = type != ScanType.TEMPERATURE.ordinal();
            if (type == ScanType.CREATED.ordinal()) {
                lastKeptProgress = k;
                continue;
            }
            Disorder kind = u < late ? Disorder.LATE : u < dup ? Disorder.DUPLICATE : u < corr ? Disorder.CORRECTION
                    : u < missing ? Disorder.MISSING : Disorder.NONE;
            int param = 0;
            switch (kind) {
                case LATE -> param = (int) Math.round(logUniform(p1, disorder.lateMinMillis(), disorder.lateMaxMillis()));
                case DUPLICATE -> param = (int) (p1 * disorder.duplicateDelayMaxMillis());
                case CORRECTION -> {
                    long maxShift = disorder.correctionShiftMaxMillis() / 1000;
                    long shiftSeconds = (120 + (long) (p1 * (maxShift - 120))) * (p2 < 0.5 ? -1 : 1);
                    long delaySeconds = 600 + (long) (p3 * (disorder.correctionDelayMaxMillis() / 1000 - 600));
                    param = ParcelPlan.packCorrection(shiftSeconds, delaySeconds);
                }
                case MISSING -> {
                    debt++;
                    kind = Disorder.NONE;
                }
                default -> { }
            }
            if (kind == Disorder.NONE && debt > 0 && !sortedGuard[k] && droppable(k, type, lastKeptProgress)) {
                kind = Disorder.MISSING;
                debt--;
            }
            steps[k * ParcelPlan.STRIDE + 1] |= kind.ordinal() << ParcelPlan.DISORDER_SHIFT;
            steps[k * ParcelPlan.STRIDE + 2] = param;
            if (progress && kind != Disorder.MISSING) {
                lastKeptProgress = k;
            }
        }
    }

    private static double logUniform(double u, long min, long max) {
        return min * StrictMath.exp(u * StrictMath.log((double) max / min));
    }

    /**
     * A scan may go missing if it is not a terminal or exception scan and the gap it leaves (from the
     * last progress scan that was sent to the next progress scan) stays within the normal maximum of
     * the stage that last sent scan started: a missing scan must never look like stale tracking.
     */
    private boolean droppable(int k, int type, int lastKeptProgress) {
        if (type == ScanType.TEMPERATURE.ordinal()) {
            return true;
        }
        if (type == ScanType.DELIVERED.ordinal() || type == ScanType.RETURNED.ordinal() || type == ScanType.EXCEPTION.ordinal()
                || lastKeptProgress < 0) {
            return false;
        }
        int next = -1;
        for (int j = k + 1; j < n; j++) {
            int t = plan.type(j);
            if (!StepKind.isComplaint(t) && t != ScanType.TEMPERATURE.ordinal()) {
                next = j;
                break;
            }
        }
        if (next < 0) {
            return false;
        }
        Stage stage = Stage.after(ScanType.values()[plan.type(lastKeptProgress)]);
        return stage != null && plan.time(next) - plan.time(lastKeptProgress) <= StageLimits.normalMax(stage, cold);
    }

    // ------------------------------------------------------------------ helpers

    private String facilityId(int facility) {
        return facility < 0 ? null : network.facility(facility).id();
    }

    private static long hours(double h) {
        return Math.round(h * HOUR);
    }

    static String iso(long millis) {
        return io.parcelwatch.generator.output.Iso8601.format(millis);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
