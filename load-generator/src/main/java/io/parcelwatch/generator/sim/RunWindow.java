package io.parcelwatch.generator.sim;

import static io.parcelwatch.generator.network.ChinaTime.HOUR;
import static io.parcelwatch.generator.network.ChinaTime.MINUTE;

/**
 * The simulated time span of a run.
 *
 * @param start        simulated start (epoch millis)
 * @param creationEnd  time of the last announcement (parcels mode) or the end of the announcing period (duration mode)
 * @param end          the run stops before this simulated time (exclusive)
 */
public record RunWindow(long start, long creationEnd, long end) {

    /**
     * Resolves the window. Without an explicit start the run is placed so that no event time is ever
     * later than the wall clock when it is sent: start = now - span * (1 - 1/speed), so a run as fast
     * as possible ends about now, and a wall-clock-paced run (speed 1) starts now.
     */
    public static RunWindow resolve(GeneratorSettings s, long now) {
        double speed = s.pacing().speedFactor();
        double f = Double.isInfinite(speed) ? 1.0 : 1.0 - 1.0 / speed;
        if (s.parcels() < 0) {
            long start = s.startMillis() != null ? s.startMillis() : floorMinute(now - (long) (s.durationMillis() * f));
            return new RunWindow(start, start + s.durationMillis(), start + s.durationMillis());
        }
        if (s.startMillis() != null) {
            long last = lastCreation(s, s.startMillis());
            return new RunWindow(s.startMillis(), last, last + s.drainMillis() + 1);
        }
        long guess = (long) (s.parcels() / s.parcelsPerHour() * HOUR) + s.drainMillis();
        long start = floorMinute(now - (long) (guess * f));
        for (int attempt = 0; ; attempt++) {
            long last = lastCreation(s, start);
            long end = last + s.drainMillis() + 1;
            long overshoot = start + (long) ((end - start) * f) - now;
            if (overshoot <= 0 || attempt == 5) {
                return new RunWindow(start, last, end);
            }
            start = floorMinute(start - overshoot - MINUTE);
        }
    }

    static long lastCreation(GeneratorSettings s, long start) {
        ArrivalProcess arrivals = new ArrivalProcess(s.seed(), s.parcelsPerHour(), start);
        long t = start;
        for (long i = 0; i < s.parcels(); i++) {
            t = arrivals.next();
        }
        return t;
    }

    private static long floorMinute(long t) {
        return Math.floorDiv(t, MINUTE) * MINUTE;
    }
}
