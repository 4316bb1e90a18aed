package io.parcelwatch.localstack.kafka;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A single-node KRaft broker (broker and controller in one process) on loopback.
 *
 * @param home       config, data ({@code home/data}) and logs ({@code home/logs}) live here; kept across restarts
 * @param port       client port; 0 picks a free one
 * @param heapMb     maximum heap of the broker JVM
 * @param startupTimeout how long to wait for the broker to answer metadata requests
 */
public record KafkaBrokerSettings(Path home, int port, int heapMb, Duration startupTimeout) {
    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_HEAP_MB = 512;
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    public static KafkaBrokerSettings defaults(Path home) {
        return new KafkaBrokerSettings(home, DEFAULT_PORT, DEFAULT_HEAP_MB, DEFAULT_STARTUP_TIMEOUT);
    }

    public KafkaBrokerSettings withPort(int newPort) {
        return new KafkaBrokerSettings(home, newPort, heapMb, startupTimeout);
    }
}
