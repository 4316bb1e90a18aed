package io.parcelwatch.generator.sim;

import java.util.concurrent.locks.LockSupport;

/** Holds the producing thread back to a simulated-time speed or an event rate. */
public final class Pacer {
    private static final long SLICE_NANOS = 100_000_000;
    /**
     * An event due within this goes out at once, up to this early. Parking the thread before almost every event (they
     * are 370 µs apart at 2,700 events/s) cost more CPU than generating them: at that rate with output none, 0.08-0.09
     * cores with a 200 µs lead against 0.05 with 1 ms (5 ms saved nothing more), runs alternated on an idle machine.
     */
    static final long LEAD_NANOS = 1_000_000;

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
        while ((wait = dueNanos - System.nanoTime()) > LEAD_NANOS) {
            if (stopRequested.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(Math.min(wait, SLICE_NANOS));
        }
    }
}
