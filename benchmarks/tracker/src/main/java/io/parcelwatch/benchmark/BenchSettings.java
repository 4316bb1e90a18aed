package io.parcelwatch.benchmark;

import io.parcelwatch.config.TrackerSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/** TrackerSettings for the benchmark's jobs: the tracker's defaults with the benchmark's topics, group, flush intervals and checkpoints. */
final class BenchSettings {
    private BenchSettings() {}

    /**
     * Settings for one job. Each job gets its own consumer group (so it starts from the earliest
     * offset, whatever an earlier run committed) and its own checkpoint directory.
     */
    static TrackerSettings of(String kafka, String es, String scansTopic, String alertsTopic, String deadLetterTopic, String groupId,
                              int parallelism, Duration checkpointInterval, Duration flushInterval, Duration catchUpFlushInterval,
                              Duration maxOutOfOrderness, Path checkpointDir) {
        TrackerSettings d = TrackerSettings.defaults(randomHmacKey(), checkpointDir.toAbsolutePath().toUri().toString());
        // TrackerSettings has withers for some fields only; the canonical constructor sets the others.
        return new TrackerSettings(kafka, scansTopic, alertsTopic, deadLetterTopic, groupId, true, List.of(es), maxOutOfOrderness,
                d.idleness(), flushInterval, catchUpFlushInterval, checkpointInterval, d.checkpointDir(), parallelism, d.hmacKey(), d.retention(),
                d.stageLimits(), d.coldChain(), d.hubLoss(), d.eta(), d.kpi().withComplaintsTopic(scansTopic + "-complaints"));
    }

    /** The phone-lookup hash needs a key; the benchmark never looks a phone up, so any secret will do. */
    private static byte[] randomHmacKey() {
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        return HexFormat.of().formatHex(raw).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
