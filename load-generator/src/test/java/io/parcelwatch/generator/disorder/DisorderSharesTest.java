package io.parcelwatch.generator.disorder;

import static io.parcelwatch.generator.network.ChinaTime.DAY;
import static io.parcelwatch.generator.network.ChinaTime.HOUR;
import static io.parcelwatch.generator.network.ChinaTime.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parcelwatch.generator.CollectingSink;
import io.parcelwatch.generator.TestRun;
import io.parcelwatch.generator.anomalies.AnomalyConfig;
import io.parcelwatch.generator.sim.GeneratorSettings;
import io.parcelwatch.generator.sim.Scenario;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Disorder settings produce the configured shares. The same seed is run without disorder and with it:
 * disorder draws from its own random stream, so both runs have the same scans and the difference is
 * exactly the disorder.
 */
class DisorderSharesTest {
    static final double LATE = 0.06;
    static final double DUPLICATES = 0.03;
    static final double CORRECTIONS = 0.02;
    static final double MISSING = 0.02;

    static Map<String, ScanEvent> clean;
    static long cleanCount;
    static CollectingSink messy;

    @BeforeAll
    static void generate() {
        GeneratorSettings base = TestRun.settings(Scenario.CLEAN, 3000, 5).withAnomalies(AnomalyConfig.NONE).withDrain(10 * DAY);
        TestRun cleanRun = TestRun.of(base);
        clean = new HashMap<>();
        for (ScanEvent e : cleanRun.sink.scans()) {
            assertThat(clean.put(e.getEventId(), e)).as("clean stream sends every scan once").isNull();
        }
        cleanCount = clean.values().stream().filter(e -> e.getType() != ScanType.CREATED).count();
        DisorderConfig disorder = DisorderConfig.DEFAULT.withLateShare(LATE).withDuplicateShare(DUPLICATES).withCorrectionShare(CORRECTIONS)
                .withMissingShare(MISSING);
        messy = TestRun.of(base.withDisorder(disorder)).sink;
        assertThat(cleanCount).isGreaterThan(40_000);
    }

    /** 4 binomial standard deviations, so the test is stable yet catches a wrong share. */
    private static double tolerance(double p) {
        return 4 * Math.sqrt(p * (1 - p) / cleanCount);
    }

    @Test
    void missingScansMatchTheShare() {
        Set<String> sent = new HashSet<>();
        for (ScanEvent e : messy.scans()) {
            sent.add(e.getEventId());
        }
        long missing = clean.keySet().stream().filter(id -> !sent.contains(id)).count();
        assertThat(sent.stream().filter(id -> !clean.containsKey(id))).as("no scan that did not happen").isEmpty();
        System.out.printf("missing share %.4f (configured %.4f) of %d scans%n", missing / (double) cleanCount, MISSING, cleanCount);
        assertThat(missing / (double) cleanCount).isCloseTo(MISSING, within(tolerance(MISSING) + 0.002));
        assertThat(clean.values().stream().filter(e -> !sent.contains(e.getEventId())))
                .as("CREATED, DELIVERED, RETURNED and EXCEPTION scans are never missing")
                .noneMatch(e -> e.getType() == ScanType.CREATED || e.getType() == ScanType.DELIVERED || e.getType() == ScanType.RETURNED
                        || e.getType() == ScanType.EXCEPTION);
    }

    @Test
    void duplicatesMatchTheShareAndAreIdentical() {
        Map<String, ScanEvent> first = new HashMap<>();
        long duplicates = 0;
        for (ScanEvent e : messy.scans()) {
            String key = e.getEventId() + "/" + e.getRevision();
            ScanEvent seen = first.putIfAbsent(key, e);
            if (seen != null) {
                duplicates++;
                assertThat(e).isEqualTo(seen);
            }
        }
        System.out.printf("duplicate share %.4f (configured %.4f)%n", duplicates / (double) cleanCount, DUPLICATES);
        assertThat(duplicates / (double) cleanCount).isCloseTo(DUPLICATES, within(tolerance(DUPLICATES)));
    }

    @Test
    void correctionsMatchTheShareAndFixTheTime() {
        Map<String, ScanEvent> original = new HashMap<>();
        long corrections = 0;
        for (ScanEvent e : messy.scans()) {
            if (e.getRevision() == 0) {
                original.putIfAbsent(e.getEventId(), e);
            } else {
                corrections++;
                assertThat(e.getRevision()).isEqualTo(1);
                ScanEvent wrong = original.get(e.getEventId());
                assertThat(wrong).as("the wrong scan comes first").isNotNull();
                assertThat(wrong.getEventTime()).isNotEqualTo(e.getEventTime());
                assertThat(e.getEventTime()).as("the correction carries the true time").isEqualTo(clean.get(e.getEventId()).getEventTime());
            }
        }
        System.out.printf("correction share %.4f (configured %.4f)%n", corrections / (double) cleanCount, CORRECTIONS);
        assertThat(corrections / (double) cleanCount).isCloseTo(CORRECTIONS, within(tolerance(CORRECTIONS)));
    }

    @Test
    void lateUploadsMatchTheShareAndTheDelayRange() {
        Set<String> seen = new HashSet<>();
        long late = 0;
        for (CollectingSink.Received r : messy.events) {
            if (!r.isScan()) {
                continue;
            }
            ScanEvent e = r.scan();
            if (e.getRevision() != 0 || !seen.add(e.getEventId())) {
                continue; // corrections and duplicate copies arrive later on purpose
            }
            long delay = r.arrivalTime() - e.getEventTime().toEpochMilli();
            if (delay > 0 && delay == r.arrivalTime() - clean.get(e.getEventId()).getEventTime().toEpochMilli()) {
                late++;
                assertThat(delay).isBetween(5 * MINUTE - 1, 3 * HOUR + 1);
            }
        }
        System.out.printf("late share %.4f (configured %.4f)%n", late / (double) cleanCount, LATE);
        assertThat(late / (double) cleanCount).isCloseTo(LATE, within(tolerance(LATE)));
    }

    @Test
    void disorderNeverChangesWhatHappened() {
        for (ScanEvent e : messy.scans()) {
            ScanEvent truth = clean.get(e.getEventId());
            assertThat(e.getType()).isEqualTo(truth.getType());
            assertThat(e.getFacilityId()).isEqualTo(truth.getFacilityId());
            assertThat(e.getDetails()).isEqualTo(truth.getDetails());
        }
    }

    @Test
    void eachParcelsFirstEventIsItsCreation() {
        Set<String> seen = new HashSet<>();
        for (ScanEvent e : messy.scans()) {
            if (seen.add(e.getParcelId())) {
                assertThat(e.getType()).isEqualTo(ScanType.CREATED);
            }
        }
    }
}
