package io.parcelwatch.generator.cli;

import java.io.PrintWriter;

/**
 * Prints a progress line to stderr every few seconds on a daemon thread: events sent, the current and
 * average rate, and what the caller adds (simulated time, time left).
 */
final class Progress implements AutoCloseable {
    /** What a progress line needs from the running job. */
    interface Source {
        long events();

        /** The rest of the line, given the average rate so far; may be empty. */
        String detail(double averageRate, double elapsedSeconds);
    }

    private final Thread thread;
    private volatile boolean running = true;

    Progress(String label, Source source, long intervalMillis, PrintWriter err) {
        thread = new Thread(() -> {
            long start = System.nanoTime();
            long lastEvents = 0;
            long lastNanos = start;
            while (running) {
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (!running) {
                    return;
                }
                long now = System.nanoTime();
                long events = source.events();
                double current = (events - lastEvents) / ((now - lastNanos) / 1e9);
                double elapsed = (now - start) / 1e9;
                double average = events / elapsed;
                String detail = source.detail(average, elapsed);
                err.printf("[%s %s] %s events | %s/s now, %s/s avg%s%n", label, Formats.duration(elapsed), Formats.count(events),
                        Formats.rate(current), Formats.rate(average), detail.isEmpty() ? "" : " | " + detail);
                err.flush();
                lastEvents = events;
                lastNanos = now;
            }
        }, "progress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
