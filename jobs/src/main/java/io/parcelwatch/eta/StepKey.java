package io.parcelwatch.eta;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a step duration is learned for: the kind of step, the place that decides it, the service level, and
 * for some kinds the time-of-day band the step started in. Its {@link #asString()} is the Flink key of the
 * learner and the key of the model, e.g. {@code TR|HUB-SH>HUB-BJ|NEXT_DAY|*} or {@code DW|HUB-SH|STANDARD|4}.
 *
 * @param kind    the step kind
 * @param scope   origin outlet (PICKUP, FIRST_MILE), hub and where it leaves for {@code HUB>NEXT} (DWELL, the next
 *                stop a hub or {@link #OUTLETS}), lane {@code A>B} (TRANSIT), destination outlet (LINE_TO_OUTLET,
 *                LAST_MILE); {@link #UNKNOWN} when the parcel does not tell; {@link #NETWORK} for every place
 * @param service service level name (or any short token the caller chooses, e.g. one that adds cold chain);
 *                {@link #UNKNOWN} when not known yet
 * @param band    time-of-day band of the step's start ({@link TimeOfDayBands}), or {@link #ANY_BAND}
 */
public record StepKey(StepKind kind, String scope, String service, int band) implements Serializable {
    public static final int ANY_BAND = -1;
    public static final String UNKNOWN = "?";
    /** The next stop of a dwell that ends with a shuttle to the destination outlet (whichever outlet). */
    public static final String OUTLETS = "OUT";
    /** The scope of a step learned over every place of its kind. */
    public static final String NETWORK = "*";
    /** The service token of a key learned across service levels ({@link #roundStart}). */
    public static final String ALL_SERVICES = "*";
    private static final String TO_A_HUB = "HUB";
    private static final char SEPARATOR = '|';

    public StepKey {
        Objects.requireNonNull(kind, "kind");
        scope = scope == null || scope.isEmpty() ? UNKNOWN : scope;
        service = service == null || service.isEmpty() ? UNKNOWN : service;
        if (band < ANY_BAND) {
            throw new IllegalArgumentException("band: " + band);
        }
    }

    public static StepKey of(StepKind kind, String scope, String service) {
        return new StepKey(kind, scope, service, ANY_BAND);
    }

    /** When the delivery rounds of {@code outlet} leave, across service levels ({@link StepKind#ROUND_START}). */
    public static StepKey roundStart(String outlet) {
        return new StepKey(StepKind.ROUND_START, outlet, ALL_SERVICES, ANY_BAND);
    }

    /**
     * When the vehicles of a dwell's next stop leave ({@link StepKind#DEPARTURE}): the dwell's scope
     * ({@link #dwell}) and service token, which tells a cold-chain vehicle from a regular one.
     */
    public static StepKey departures(String dwellScope, String dwellService) {
        return new StepKey(StepKind.DEPARTURE, dwellScope, dwellService, ANY_BAND);
    }

    public static String lane(String fromHub, String toHub) {
        return (fromHub == null ? UNKNOWN : fromHub) + ">" + (toHub == null ? UNKNOWN : toHub);
    }

    /**
     * The scope of a dwell at {@code hub} before leaving for {@code next} (a hub, or {@link #OUTLETS}). The next
     * stop decides the wait: long-haul waves, short-haul departures every three hours, or the outlet shuttles.
     */
    public static String dwell(String hub, String next) {
        return lane(hub, next == null ? OUTLETS : next);
    }

    /**
     * The same step over the whole network, in the same band: where a place has seen too little in one band,
     * the band across all places may say more than the place's whole day. A dwell keeps whether the parcel
     * leaves for an outlet or a hub ({@code *>OUT}, {@code *>HUB}); other kinds are {@code *}. Only kinds whose
     * duration depends on the hour have one ({@link #hasNetwork()}).
     */
    public StepKey network() {
        if (!hasNetwork()) {
            throw new IllegalStateException("no network-wide key for " + kind);
        }
        String everywhere = kind != StepKind.DWELL ? NETWORK : NETWORK + ">" + (scope.endsWith(">" + OUTLETS) ? OUTLETS : TO_A_HUB);
        return everywhere.equals(scope) ? this : new StepKey(kind, everywhere, service, band);
    }

    /** True for the kinds learned per band across the network as well ({@link #network()}). */
    public boolean hasNetwork() {
        return kind.timeOfDayMatters();
    }

    /**
     * True if a place may always take the network's band for one it has seen too little of: a hub's dwell before
     * the outlet shuttles, which leave every hub at the same hours. A dwell before another hub may only when its
     * own day looks like the network's: long-haul lanes leave in waves and short ones every few hours, and the
     * network's band mixes the two. An outlet likewise, since outlets differ in their rounds (a rural outlet
     * delivers at other hours, and for longer).
     */
    public boolean followsNetworkTimetable() {
        return kind == StepKind.DWELL && scope.endsWith(">" + OUTLETS);
    }

    public StepKey withBand(int band) {
        return band == this.band ? this : new StepKey(kind, scope, service, band);
    }

    /** The same step over the whole day: where a band has seen too little, the day as a whole may have enough. */
    public StepKey anyBand() {
        return withBand(ANY_BAND);
    }

    public boolean hasBand() {
        return band != ANY_BAND;
    }

    public String asString() {
        return kind.code() + SEPARATOR + scope + SEPARATOR + service + SEPARATOR + (band == ANY_BAND ? "*" : Integer.toString(band));
    }

    /** Reads {@link #asString()}; the scope may itself contain the separator (it sits between the fixed fields). */
    public static StepKey parse(String text) {
        int first = text.indexOf(SEPARATOR);
        int last = text.lastIndexOf(SEPARATOR);
        int beforeLast = last <= 0 ? -1 : text.lastIndexOf(SEPARATOR, last - 1);
        if (first < 0 || beforeLast <= first) {
            throw new IllegalArgumentException("not a step key: " + text);
        }
        String band = text.substring(last + 1);
        return new StepKey(StepKind.ofCode(text.substring(0, first)), text.substring(first + 1, beforeLast),
                text.substring(beforeLast + 1, last), "*".equals(band) ? ANY_BAND : Integer.parseInt(band));
    }

    @Override
    public String toString() {
        return asString();
    }
}
