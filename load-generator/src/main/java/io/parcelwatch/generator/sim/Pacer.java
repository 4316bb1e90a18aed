package io.parcelwatch.generator.sim;

import java.util.concurrent.locks.LockSupport;

/** Holds the producing thread back to a simulated-time speed or an event rate. */
public final class Pacer {
    private static final long SLICE_NANOS = 100_000_000;

    private final Pacing pacing;
    private final long simStart;
    private final java.util.function.BooleanSupplier stopRequested;
    private long wallStartNanos = -1;

    public Pacer(Pacing pacing, long simStart) {
        this(pacing, simStart, () -> false);
    }

    /** @param stopRequested checked while waiting, so that a long wait ends promptly when the run is stopped */
    public Pacer(Pacing pacing, long simStart, java.util.function.BooleanSupplier stopRequested) {
        this.pacing = pacing;
        this.simStart = simStart;
        this.stopRequested = stopRequested;
    }

    public boolean paced() {
        return pacing.mode() != Pacing.Mode.AS_FAST_AS_POSSIBLE;
    }

    /** Starts the wall clock (first call to {@link #await} does it otherwise). */
    public void start() {
        wallStartNanos = System.nanoTime();
    }

    /**
     * Waits until the event at simulated time {@code simTime}, the {@code count}-th (0-based), may go out.
     */
    public void await(long simTime, long count) {
        if (pacing.mode() == Pacing.Mode.AS_FAST_AS_POSSIBLE) {
            return;
        }
        if (wallStartNanos < 0) {
            start();
        }
        long dueNanos = pacing.mode() == Pacing.Mode.SPEED
                ? wallStartNanos + (long) ((simTime - simStart) * 1e6 / pacing.value())
                : wallStartNanos + (long) (count * 1e9 / pacing.value());
        long wait;
        while ((wait = dueNanos - System.nanoTime()) > 200_000) {
            if (stopRequested.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(Math.min(wait, SLICE_NANOS));
        }
    }
}
