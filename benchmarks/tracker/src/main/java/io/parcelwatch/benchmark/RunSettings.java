package io.parcelwatch.benchmark;

import java.time.Duration;

/** The settings the figures depend on, printed with them. */
record RunSettings(String topic, int partitions, int parallelism, Duration checkpointInterval,
                   boolean unalignedCheckpoints, Duration flushInterval,
                   Duration catchUpFlushInterval, Duration maxOutOfOrderness, Duration idleness) {}
