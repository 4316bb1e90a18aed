package io.parcelwatch.eta;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Predicts a parcel's delivery time from the steps it has left.
 *
 * <h2>How the steps add up</h2>
 * The delivery time is now plus the sum of the remaining steps' durations, taken as independent. The sum of
 * independent variables with arbitrary (learned, skewed, often bimodal) distributions has no closed form, so
 * it is sampled: a deterministic Monte Carlo of {@link #samples} draws per step through each step's inverse CDF
 * (linear between the summary's 25 quantile points). Draws are stratified (a Latin hypercube: each step's
 * draws take the midpoint of each of {@code samples} equal strata once, in a random order per step), which
 * gives each step's distribution exactly and the sum's 10th–90th percentiles to within a few percent with a
 * few hundred samples. The random stream is seeded by
 * the parcel id, so the same parcel gets the same draws at every prediction: its predicted time moves only
 * when what is known moves, not with sampling noise.
 * <ul>
 * <li>A learned step is drawn from where its next duration may fall, not from the durations seen
 *     ({@link StepSummary#predictiveMillis}): ten observations of an outlet's round leave one chance in eleven
 *     below the smallest and one above the largest.</li>
 * <li>The current step is conditioned on the time already spent in it: its draws come from the distribution
 *     above {@code F(elapsed)} and count only what is left. A step that has lasted longer than anything seen is
 *     given an exponential remainder ({@link StepSummary#overdueMeanMillis()}): overdue steps end "any time now",
 *     and the longer they last the later the prediction.</li>
 * <li>Steps whose duration depends on the hour they start ({@link StepKind#timeOfDayMatters()}) take, in each
 *     draw, the summary of the band in which that draw reaches them: a parcel that would reach its outlet at 14:00
 *     in one draw and at 19:00 in another waits for different delivery rounds.</li>
 * <li>Each step uses its band's learned summary if it has {@link EtaPriors#minObservations()}, else the band's
 *     summary across the network ({@link StepKey#network()}) where the place may borrow it (a dwell before the
 *     outlet shuttles always; a dwell before another hub, or an outlet, whose day looks like the network's), else the
 *     key's whole-day summary, else the prior for its kind and service level; for a pickup under way, the prior
 *     of the hour the parcel was announced ({@link PickupHours}).</li>
 * <li>A last mile still to come is the wait for the first of its outlet's delivery rounds after the parcel is sorted
 *     ({@link OutletRounds}), then the outlet's round: the rounds as learned ({@link StepKind#ROUND_START}), and
 *     where they are not yet (at all, or for part of the day), the prior timetable.</li>
 * <li>A dwell is the hub's sorting time ({@link HubDepartures#sort()}, a prior) and the wait for the first vehicle to
 *     its next stop that leaves after that ({@link StepKind#DEPARTURE}, a {@link Timetable}), the current dwell too
 *     unless it has overrun the timetable (a held parcel). Where the timetable is not known (a lane between hubs not
 *     yet watched at that hour), the dwell as learned.</li>
 * </ul>
 *
 * <h2>The slowest step</h2>
 * For the current step, how much longer it is now expected to take in all (the median given the time
 * elapsed) than its typical duration; for a future step, how much its recent median exceeds its typical
 * (longer-run) median, as on a disrupted lane. The step with the largest positive excess is reported.
 */
public final class DeliveryPredictor implements Serializable {
    /** Pass as the promised time when there is none: nothing is then late. */
    public static final long NO_PROMISE = Long.MAX_VALUE;

    /**
     * How far (relative) an outlet's whole-day median may be from the network's for it to take the network's bands.
     * Tried on the default scenario: no borrowing by outlets gave a halfway MAE 39 % below the static average
     * (goal 40 %) and PREDICTED_DELAY precision 0.36; this check 42 % and 0.68; the same check on the 10th, 50th
     * and 90th percentiles 39 % and 0.68, with a lower calibration (0.717 against 0.737).
     */
    static final double NETWORK_LIKE = 0.25;
    /** Step keys whose model key names are kept (see {@link #namesOf}); a few thousand places in a large network. */
    static final int MAX_CACHED_KEYS = 100_000;
    /** Summaries whose draws are kept ({@link #drawsOf}): 32 MiB at most at 256 samples, a model's worth several times over. */
    static final int MAX_DRAW_TABLES = 16_384;
    private static final int[] NO_PAIRS = {};

    private final EtaPriors priors;
    private final TimeOfDayBands bands;
    private final int samples;
    private transient Map<String, StepSummary> priorSummaries;
    private transient ForgetfulCache<StepKey, KeyNames> names;
    private transient FromPriors fromPriors;
    private transient ForgetfulCache<StepSummary, double[]> drawTables;

    public DeliveryPredictor(EtaPriors priors, TimeOfDayBands bands, int samples) {
        if (samples < 10) {
            throw new IllegalArgumentException("samples: " + samples);
        }
        this.priors = priors;
        this.bands = bands;
        this.samples = samples;
    }

    /** Default priors and bands, 256 samples. */
    public static DeliveryPredictor defaults() {
        return new DeliveryPredictor(EtaPriors.defaults(), TimeOfDayBands.defaults(), 256);
    }

    /** A resolved step distribution and the key it was found under. */
    private record Resolved(StepSummary summary, String key) {}

    /** The start of a step still to come, for {@link #resolveWhole}: unknown. */
    private static final long NOT_STARTED = Long.MIN_VALUE;

    /** The model keys of one step: its whole day, and where it is learned per band, each band's, its own and the network's. */
    private record KeyNames(String whole, String[] bands, String networkWhole, String[] networkBands) {}

    /**
     * @param parcelId   seeds the draws
     * @param journey    what is left ({@link JourneySteps#remaining})
     * @param now        event time of the prediction
     * @param promisedAt promised delivery (epoch millis) or {@link #NO_PROMISE}
     * @param model      learned summaries
     */
    public Prediction predict(String parcelId, RemainingJourney journey, long now, long promisedAt, StepSummaryLookup model)
            throws Exception {
        if (journey.finished() || journey.steps().isEmpty()) {
            return new Prediction(now, now, now, now > promisedAt ? 1 : 0, null, now);
        }
        int n = samples;
        double stratum = 1.0 / n;
        double[] total = new double[n];
        int[] strata = new int[n];
        for (int i = 0; i < n; i++) {
            strata[i] = i;
        }
        SplittableRandom random = new SplittableRandom(parcelId.hashCode() * 0x9E3779B97F4A7C15L);
        int[] ready = null; // a second stratified draw, for when a parcel is ready for its outlet's rounds
        String slowest = null;
        double worstExcess = 0;
        for (int s = 0; s < journey.steps().size(); s++) {
            StepKey key = journey.steps().get(s);
            boolean banded = bands.enabled() && key.kind().timeOfDayMatters();
            shuffle(strata, random);
            double excess;
            String excessKey;
            if (s == 0 && journey.hasCurrent()) {
                long startedAt = journey.currentStartedAt();
                Resolved r = banded ? resolveBand(key, namesOf(key), bands.bandOf(startedAt), startedAt, model)
                        : resolveWhole(key, namesOf(key), startedAt, model);
                double elapsed = journey.elapsedAt(now);
                StepSummary d = r.summary();
                double reached = d.predictiveCdf(elapsed);
                double scale = d.predictiveScale();
                Departures departures = key.kind() == StepKind.DWELL ? departuresOf(key, model) : null;
                StepSummary sort = departures == null ? null : sortOf(key);
                if (departures != null && overdue(departures, sort, startedAt, now)) {
                    departures = null; // held, or lost: the dwell as learned, with its tail for overdue steps
                }
                double[] sorted = departures == null ? null : drawsOf(sort);
                for (int i = 0; i < n; i++) {
                    double u = (strata[i] + 0.5) * stratum;
                    long leaves = departures == null ? Timetable.UNKNOWN
                            : departures.leaves(startedAt, Math.max(startedAt + (long) sorted[strata[i]], now));
                    total[i] += leaves != Timetable.UNKNOWN ? leaves - now : remainder(d, scale, reached, elapsed, u);
                }
                excess = elapsed + remainder(d, scale, reached, elapsed, 0.5) - d.typicalMillis();
                excessKey = r.key();
            } else {
                KeyNames names = namesOf(key);
                Resolved whole = resolveWhole(key, names, NOT_STARTED, model);
                Draws learned = banded ? new BandDraws(key, names, whole, model) : new WholeDraws(drawsOf(whole.summary()));
                Timetable rounds = key.kind() == StepKind.LAST_MILE ? roundsOf(key, model) : null;
                Departures departures = key.kind() == StepKind.DWELL ? departuresOf(key, model) : null;
                if (rounds != null) {
                    StepKey roundKey = StepKey.of(StepKind.ROUND, key.scope(), key.service());
                    StepSummary round = resolveWhole(roundKey, namesOf(roundKey), NOT_STARTED, model).summary();
                    if (ready == null) {
                        ready = strata.clone();
                    }
                    shuffle(ready, random);
                    double readyFrom = priors.rounds().readyFrom().toMillis();
                    double readySpread = priors.rounds().readyTo().toMillis() - readyFrom;
                    double[] rounding = drawsOf(round);
                    for (int i = 0; i < n; i++) {
                        long arrival = now + (long) total[i];
                        long leaves = rounds.leaves(arrival + (long) (readyFrom + (ready[i] + 0.5) * stratum * readySpread), bands);
                        total[i] += leaves != Timetable.UNKNOWN ? leaves - arrival + rounding[strata[i]] : learned.draw(arrival, strata[i]);
                    }
                } else if (departures != null) {
                    double[] sorted = drawsOf(sortOf(key));
                    for (int i = 0; i < n; i++) {
                        long arrival = now + (long) total[i];
                        long leaves = departures.leaves(arrival, arrival + (long) sorted[strata[i]]);
                        total[i] += leaves != Timetable.UNKNOWN ? leaves - arrival : learned.draw(arrival, strata[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        total[i] += learned.draw(now + (long) total[i], strata[i]);
                    }
                }
                excess = whole.summary().medianMillis() - whole.summary().typicalMillis();
                excessKey = whole.key();
            }
            if (excess > worstExcess) {
                worstExcess = excess;
                slowest = excessKey;
            }
        }
        Arrays.sort(total);
        int late = 0;
        if (promisedAt != NO_PROMISE) {
            for (int i = n - 1; i >= 0 && now + total[i] > promisedAt; i--) {
                late++;
            }
        }
        return new Prediction(now + Math.round(percentile(total, 0.10)), now + Math.round(percentile(total, 0.50)),
                now + Math.round(percentile(total, 0.90)), late / (double) n, slowest, now);
    }

    /**
     * What is left of the current step for draw {@code u}, given that {@code elapsed} has passed
     * ({@code reached}: the predictive CDF at {@code elapsed}; {@code scale}: {@link StepSummary#predictiveScale()}).
     */
    private static double remainder(StepSummary d, double scale, double reached, double elapsed, double u) {
        if (reached >= 1) {
            return -d.overdueMeanMillis() * Math.log(1 - u * 0.999_999);
        }
        return Math.max(0, d.predictiveMillis(reached + u * (1 - reached), scale) - elapsed);
    }

    /**
     * The delivery rounds of the outlet of a last mile ({@link Timetable}: a parcel goes with the first round that
     * starts after it is sorted, and leaves at the middle of the round's scans); null if its service level does not go
     * out with rounds, or nothing is known of them (no learned round times and no prior). Where the outlet has been
     * watched for less than a day, the prior rounds ({@link OutletRounds#prior()}) fill in the part of the day not
     * watched: an outlet seen only since this morning may still have an evening round.
     */
    private Timetable roundsOf(StepKey lastMile, StepSummaryLookup model) throws Exception {
        if (!priors.rounds().appliesTo(lastMile.service())) {
            return null;
        }
        int[] prior = fromPriors().rounds();
        StepSummary times = learned(namesOf(StepKey.roundStart(lastMile.scope())).whole(), model);
        if (times == null) {
            return prior.length == 0 ? null : Timetable.prior(prior);
        }
        return Timetable.learned(times, false, priors.rounds().sameRound().toMillis(), prior, bands);
    }

    /**
     * The departures for a dwell's next stop ({@link Timetable}: a parcel leaves with the first vehicle that is still
     * loading once it is sorted); null if its service level leaves once sorted, or nothing is known of them. Learned
     * per hub and next stop ({@link StepKind#DEPARTURE}); a hub's shuttles to its outlets, until learned there, as
     * learned across the network, and in the part of the day not watched yet, the prior shuttles
     * ({@link HubDepartures#outletShuttles()}), except for cold-chain vehicles, which keep their own hours.
     */
    private Departures departuresOf(StepKey dwell, StepSummaryLookup model) throws Exception {
        HubDepartures departures = priors.departures();
        if (!departures.appliesTo(dwell.service())) {
            return null;
        }
        boolean toOutlets = dwell.followsNetworkTimetable();
        int[] prior = toOutlets && !JourneyPlan.isColdChainToken(dwell.service()) ? fromPriors().shuttles() : NO_PAIRS;
        Timetable assumed = prior.length == 0 ? null : Timetable.prior(prior);
        StepSummary times = learned(namesOf(StepKey.departures(dwell.scope(), dwell.service())).whole(), model);
        if (times == null && toOutlets) {
            times = learned(namesOf(StepKey.departures(StepKey.dwell(StepKey.NETWORK, null), dwell.service())).whole(), model);
        }
        if (times == null) {
            return assumed == null ? null : new Departures(null, assumed, null, model);
        }
        return new Departures(Timetable.learned(times, true, departures.sameDeparture().toMillis(), prior, bands), assumed,
                bands.enabled() ? namesOf(dwell) : null, model);
    }

    /**
     * A dwell's learned and prior timetables, and which to believe for a parcel arriving at a given hour. The learned
     * one only where dwells that began in that band of the day have been seen ending ({@link StepKind#DWELL}, the
     * place's band, or for the outlet shuttles the network's): an hour of the day without a departure seen is evidence
     * that no vehicle leaves then only if parcels were waiting. A lane whose parcels first came at 21:00 showed no
     * 01:00 departure, as nobody had been there at 01:00, and its parcels were predicted to wait for 07:00: on the
     * default scenario started at 02:00Z, a quarter of the halfway predictions made at 21:00-24:00 were then a day late.
     * Elsewhere the prior timetable, or where there is none, the dwell as learned.
     */
    private final class Departures {
        private final Timetable learned;
        private final Timetable prior;
        private final KeyNames names;
        private final boolean network;
        private final StepSummaryLookup model;
        private final byte[] evidenced = new byte[bands.count()]; // 0 not looked up yet, 1 yes, 2 no

        Departures(Timetable learned, Timetable prior, KeyNames names, StepSummaryLookup model) {
            this.learned = learned;
            this.prior = prior;
            this.names = names;
            this.network = prior != null && names != null && names.networkBands() != null; // the outlet shuttles: one timetable
            this.model = model;
        }

        /** When a parcel that arrived at {@code arrival} and is ready at {@code readyAt} leaves, or {@link Timetable#UNKNOWN}. */
        long leaves(long arrival, long readyAt) throws Exception {
            Timetable timetable = learned != null && evidenced(arrival) ? learned : prior;
            return timetable == null ? Timetable.UNKNOWN : timetable.leaves(readyAt, bands);
        }

        private boolean evidenced(long arrival) throws Exception {
            if (names == null) {
                return true;
            }
            int band = bands.bandOf(arrival);
            if (evidenced[band] == 0) {
                boolean seen = learned(names.bands()[band], model) != null
                        || (network && learned(names.networkBands()[band], model) != null);
                evidenced[band] = (byte) (seen ? 1 : 2);
            }
            return evidenced[band] == 1;
        }
    }

    /**
     * Whether a parcel in its dwell has missed the departure it would have caught had it been sorted at the 99th
     * percentile, by more than the spread of a departure's scans: then it is held (a disrupted lane) or lost, and
     * the timetable says nothing about when it leaves.
     */
    private boolean overdue(Departures departures, StepSummary sort, long arrivedAt, long now) throws Exception {
        long latest = departures.leaves(arrivedAt, arrivedAt + (long) sort.quantileMillis(0.99));
        return latest != Timetable.UNKNOWN && now > latest + priors.departures().sameDeparture().toMillis();
    }

    /** The sorting time of a dwell, as the prior says ({@link HubDepartures#sort()}, cold chain apart). */
    private StepSummary sortOf(StepKey dwell) {
        return JourneyPlan.isColdChainToken(dwell.service()) ? fromPriors().coldChainSort() : fromPriors().sort();
    }

    /**
     * What the predictor reads off its priors on every prediction, built once (after deserialisation too): the prior
     * round and shuttle timetables as pairs leaving when they are due, and the sorting times as summaries.
     */
    private record FromPriors(int[] rounds, int[] shuttles, StepSummary sort, StepSummary coldChainSort) {}

    private FromPriors fromPriors() {
        FromPriors built = fromPriors;
        if (built == null) {
            built = new FromPriors(Timetable.pairsLeavingAt(priors.rounds().priorMillis()),
                    Timetable.pairsLeavingAt(priors.departures().outletShuttleMillis()), priors.departures().sort().summary(),
                    priors.departures().coldChainSort().summary());
            fromPriors = built;
        }
        return built;
    }

    /** Draws of a step's duration from what is learned of it. */
    private interface Draws {
        /** The duration in stratum {@code k} (at probability {@code (k + 0.5) / samples}) of the step starting at {@code at}. */
        double draw(long at, int k) throws Exception;
    }

    /** A step whose duration does not depend on the hour: its whole-day summary. */
    private record WholeDraws(double[] table) implements Draws {
        @Override
        public double draw(long at, int k) {
            return table[k];
        }
    }

    /**
     * A summary's predictive draws at the midpoints of the strata ({@link StepSummary#predictiveMillis}; for a prior, its
     * quantiles), computed once per summary rather than in every prediction: reading them off the summary draw by draw
     * took 44 % of a prediction's time. A summary is a value (the same quantiles, count and time give the same draws), so
     * a model update that replaces it starts a new table; the cache is forgotten wholesale past {@link #MAX_DRAW_TABLES}.
     */
    private double[] drawsOf(StepSummary summary) {
        ForgetfulCache<StepSummary, double[]> cache = drawTables;
        if (cache == null) {
            cache = new ForgetfulCache<>(MAX_DRAW_TABLES);
            drawTables = cache;
        }
        return cache.get(summary, this::drawTable);
    }

    private double[] drawTable(StepSummary summary) {
        double stratum = 1.0 / samples;
        double scale = summary.predictiveScale();
        double[] table = new double[samples];
        for (int k = 0; k < samples; k++) {
            table[k] = summary.predictiveMillis((k + 0.5) * stratum, scale);
        }
        return table;
    }

    /**
     * A step whose duration depends on the hour: the summary of the band it starts in, resolved once per band and only
     * when drawn from (a dwell or last mile on a known timetable seldom is).
     */
    private final class BandDraws implements Draws {
        private final double[][] byBand = new double[bands.count()][];
        private final StepKey key;
        private final KeyNames names;
        private final Resolved whole;
        private final StepSummaryLookup model;
        private String[] networkBands;
        private boolean borrowingKnown;

        BandDraws(StepKey key, KeyNames names, Resolved whole, StepSummaryLookup model) {
            this.key = key;
            this.names = names;
            this.whole = whole;
            this.model = model;
        }

        @Override
        public double draw(long at, int k) throws Exception {
            int band = bands.bandOf(at);
            if (byBand[band] == null) {
                if (!borrowingKnown) {
                    networkBands = names.networkBands() != null && mayBorrowNetworkBands(key, names, model) ? names.networkBands() : null;
                    borrowingKnown = true;
                }
                byBand[band] = drawsOf(bandSummary(names.bands()[band], networkBands == null ? null : networkBands[band], whole, model));
            }
            return byBand[band][k];
        }
    }

    /** A band's learned summary; else the band's across the network, if the place may borrow it; else the step's whole day. */
    private Resolved resolveBand(StepKey key, KeyNames names, int band, long startedAt, StepSummaryLookup model) throws Exception {
        String own = names.bands()[band];
        StepSummary learned = learned(own, model);
        if (learned != null) {
            return new Resolved(learned, own);
        }
        if (names.networkBands() != null && mayBorrowNetworkBands(key, names, model)) {
            String network = names.networkBands()[band];
            StepSummary everywhere = learned(network, model);
            if (everywhere != null) {
                return new Resolved(everywhere, network);
            }
        }
        return resolveWhole(key, names, startedAt, model);
    }

    /**
     * The step's whole-day learned summary, else the prior for its kind and service level; for a pickup under way
     * ({@code startedAt} known), the prior of the hour it was announced.
     */
    private Resolved resolveWhole(StepKey key, KeyNames names, long startedAt, StepSummaryLookup model) throws Exception {
        StepSummary learned = learned(names.whole(), model);
        if (learned != null) {
            return new Resolved(learned, names.whole());
        }
        if (startedAt != NOT_STARTED && key.kind() == StepKind.PICKUP && bands.enabled()) {
            return new Resolved(priors.pickupAnnouncedAt(key.service(), bands.millisIntoDay(startedAt)).summary(), names.whole());
        }
        return new Resolved(priorSummary(key), names.whole());
    }

    /** A band's learned summary, else the band's across the network (if any), else the step's whole-day one ({@code whole}, already resolved). */
    private StepSummary bandSummary(String bandKey, String networkBandKey, Resolved whole, StepSummaryLookup model) throws Exception {
        StepSummary learned = learned(bandKey, model);
        if (learned == null && networkBandKey != null) {
            learned = learned(networkBandKey, model);
        }
        return learned != null ? learned : whole.summary();
    }

    /**
     * Whether a place may take the network's band where its own has too few observations: a dwell before the outlet
     * shuttles always (one timetable, {@link StepKey#followsNetworkTimetable()}); a dwell before another hub, or an
     * outlet, if its own whole day is not learned yet or its median is within {@link #NETWORK_LIKE} of the network's
     * whole day's. Without that check a rural outlet, whose rounds come at other hours and last longer, took the
     * town outlets' bands: on the default scenario 27 % of its deliveries came after p90 at the halfway hub. And a
     * dwell before a long-haul wave took a band that mostly holds the short lanes' three-hourly departures: the
     * halfway prediction of a 3-hub route reached at night was then 8 h early in the median.
     */
    private boolean mayBorrowNetworkBands(StepKey key, KeyNames names, StepSummaryLookup model) throws Exception {
        if (key.followsNetworkTimetable()) {
            return true;
        }
        StepSummary own = learned(names.whole(), model);
        StepSummary network = learned(names.networkWhole(), model);
        if (own == null || network == null) {
            return own == null;
        }
        double median = network.medianMillis();
        return Math.abs(own.medianMillis() - median) <= NETWORK_LIKE * median;
    }

    /**
     * The model keys of a step, built once per step key rather than for every band of every step of every
     * prediction: in a profile of the job, the model lookups with freshly built key strings took 8 % of the
     * forecaster's thread. Forgotten wholesale past {@link #MAX_CACHED_KEYS}, which bounds the cache by the keys
     * of the recent past.
     */
    private KeyNames namesOf(StepKey key) {
        ForgetfulCache<StepKey, KeyNames> cache = names;
        if (cache == null) {
            cache = new ForgetfulCache<>(MAX_CACHED_KEYS);
            names = cache;
        }
        return cache.get(key, this::namesOfKey);
    }

    private KeyNames namesOfKey(StepKey key) {
        StepKey whole = key.anyBand();
        String[] own = null;
        String networkWhole = null;
        String[] network = null;
        if (bands.enabled() && key.kind().timeOfDayMatters()) {
            own = bandNames(whole);
            if (key.hasNetwork()) {
                networkWhole = whole.network().asString();
                network = bandNames(whole.network());
            }
        }
        return new KeyNames(whole.asString(), own, networkWhole, network);
    }

    private String[] bandNames(StepKey whole) {
        String[] out = new String[bands.count()];
        for (int band = 0; band < out.length; band++) {
            out[band] = whole.withBand(band).asString();
        }
        return out;
    }

    private StepSummary learned(String key, StepSummaryLookup model) throws Exception {
        StepSummary learned = model.summary(key);
        return learned != null && learned.count() >= priors.minObservations() ? learned : null;
    }

    private StepSummary priorSummary(StepKey key) {
        Map<String, StepSummary> cache = priorSummaries;
        if (cache == null) {
            cache = new ConcurrentHashMap<>();
            priorSummaries = cache;
        }
        return cache.computeIfAbsent(key.kind().code() + '|' + key.service(), k -> priors.prior(key.kind(), key.service()).summary());
    }

    /** Fisher-Yates; the index by multiply-shift rather than a division (a bias of 2^-24 at most does not matter here). */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) (((random.nextInt() & 0xFFFF_FFFFL) * (i + 1)) >>> 32);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Linear between order statistics of sorted draws. */
    private static double percentile(double[] sorted, double q) {
        double x = q * (sorted.length - 1);
        int i = (int) x;
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (sorted[j] - sorted[i]) * (x - i);
    }
}
