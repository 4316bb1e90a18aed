package io.parcelwatch.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load generator as a child process ({@code ./parcelwatch generate ...}): its own JVM, as in
 * production, so that its allocation and GC do not land on the benchmark JVM's measurements.
 */
final class GeneratorProcess {
    private final Process process;
    private final Path log;

    private GeneratorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static GeneratorProcess start(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        return new GeneratorProcess(builder.start(), log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Asks it to stop (SIGTERM: the generator flushes what it has sent and its label files), then insists. */
    int stop(Duration grace) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        return process.exitValue();
    }
}
