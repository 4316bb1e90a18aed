package io.parcelwatch.io.elasticsearch;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Waits for a condition with a deadline, checking every 50 ms; fails with what it last saw. */
final class Poll {
    private static final long INTERVAL_NANOS = Duration.ofMillis(50).toNanos();

    private Poll() {}

    static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<? super T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = probe.call();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last seen: "
                        + (lastError != null ? lastError : last), lastError);
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
        }
    }
}
