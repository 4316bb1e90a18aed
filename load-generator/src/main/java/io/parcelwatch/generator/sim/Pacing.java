package io.parcelwatch.generator.sim;

/**
 * How fast events go out in wall-clock time.
 *
 * @param mode  as fast as possible, a simulated-time speed factor, or a target number of events per second
 * @param value the speed factor (1 = wall-clock pace) or events per second
 */
public record Pacing(Mode mode, double value) {
    public enum Mode { AS_FAST_AS_POSSIBLE, SPEED, RATE }

    public static final Pacing AS_FAST_AS_POSSIBLE = new Pacing(Mode.AS_FAST_AS_POSSIBLE, 0);

    public Pacing {
        if (mode != Mode.AS_FAST_AS_POSSIBLE && !(value > 0)) {
            throw new IllegalArgumentException("speed and rate must be positive, not " + value);
        }
    }

    public static Pacing speed(double factor) {
        return new Pacing(Mode.SPEED, factor);
    }

    public static Pacing rate(double eventsPerSecond) {
        return new Pacing(Mode.RATE, eventsPerSecond);
    }

    /** Simulated seconds per wall second, or +infinity when not paced by simulated time. */
    public double speedFactor() {
        return mode == Mode.SPEED ? value : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return switch (mode) {
            case AS_FAST_AS_POSSIBLE -> "as fast as possible";
            case SPEED -> value == 1 ? "wall-clock pace (speed 1)" : "speed " + value + "x simulated time";
            case RATE -> "target " + (long) value + " events/s";
        };
    }
}
