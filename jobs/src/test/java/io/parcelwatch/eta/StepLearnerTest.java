package io.parcelwatch.eta;

import static io.parcelwatch.eta.History.HOUR;
import static io.parcelwatch.eta.History.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StepLearnerTest {
    static final long MINUTE = 60_000L;
    static final long INTERVAL = 5 * MINUTE;
    static final LearningSettings SETTINGS = new LearningSettings(Duration.ofMinutes(30), 8, 2, 20, 0.01, Duration.ofMinutes(5),
            Duration.ofHours(3));
    static final String LANE = "TR|H1>H2|NEXT_DAY|*";
    static final String DWELL = "DW|H2|NEXT_DAY|*";

    KeyedOneInputStreamOperatorTestHarness<String, StepObservation, ModelUpdate> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new StepLearner(SETTINGS), StepObservation::key, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** A step of {@code hours} that ended at {@code end}, sent at its end with the watermark a minute behind. */
    void observe(String key, long end, double hours) throws Exception {
        harness.processWatermark(end - MINUTE);
        harness.processElement(new StepObservation(key, end - Math.round(hours * HOUR), Math.round(hours * HOUR)), end);
    }

    List<ModelUpdate> updates() {
        List<ModelUpdate> out = harness.extractOutputValues();
        harness.getOutput().removeIf(o -> o instanceof StreamRecord<?>);
        return out;
    }

    @Test
    void updatesAreRateLimitedPerKeyAndOneTimerServesEachKey() throws Exception {
        for (int i = 0; i < 120; i++) { // one transit every 5 s for 10 minutes, one dwell a minute
            long end = T0 + i * 5_000L;
            observe(LANE, end, 2);
            if (i % 12 == 0) {
                observe(DWELL, end, 1);
            }
            assertThat(harness.numEventTimeTimers()).isLessThanOrEqualTo(2);
        }
        harness.processWatermark(T0 + 12 * MINUTE);
        List<ModelUpdate> updates = updates();
        List<ModelUpdate> lane = updates.stream().filter(u -> u.key().equals(LANE)).toList();
        assertThat(lane).as("10 minutes of traffic: at most one update per 5-minute interval").hasSizeBetween(2, 3);
        assertThat(lane).allSatisfy(u -> assertThat(u.asOf() % INTERVAL).isZero());
        assertThat(lane).extracting(ModelUpdate::asOf).doesNotHaveDuplicates();
        ModelUpdate last = lane.get(lane.size() - 1);
        assertThat(last.count()).isEqualTo(120);
        assertThat(last.summary().medianMillis() / (double) HOUR).isCloseTo(2, within(0.03));
        assertThat(updates.stream().filter(u -> u.key().equals(DWELL)).toList()).isNotEmpty()
                .allSatisfy(u -> assertThat(u.count()).isPositive());
        assertThat(harness.numEventTimeTimers()).as("one timer per key, now the retention's").isEqualTo(2);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    }

    @Test
    void aKeyWithoutObservationsForTheRetentionIsForgottenCompletely() throws Exception {
        for (int i = 0; i < 30; i++) {
            observe(LANE, T0 + i * MINUTE, 2);
        }
        harness.processWatermark(T0 + 40 * MINUTE);
        assertThat(updates()).isNotEmpty().noneMatch(ModelUpdate::isRemoval);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(T0 + 29 * MINUTE + SETTINGS.retention().toMillis() - MINUTE);
        assertThat(harness.numKeyedStateEntries()).as("not yet").isEqualTo(1);
        harness.processWatermark(T0 + 29 * MINUTE + SETTINGS.retention().toMillis() + INTERVAL);
        List<ModelUpdate> last = updates();
        assertThat(last).last().satisfies(u -> {
            assertThat(u.isRemoval()).isTrue();
            assertThat(u.key()).isEqualTo(LANE);
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aDisruptionReachesTheModelWithinTheRecentWindowAndLeavesIt() throws Exception {
        long t = T0;
        for (; t < T0 + 3 * HOUR; t += MINUTE) {
            observe(LANE, t, 2);
        }
        for (; t < T0 + 4 * HOUR; t += MINUTE) {
            observe(LANE, t, 8);
        }
        harness.processWatermark(t + INTERVAL);
        ModelUpdate disrupted = updates().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(disrupted.summary().medianMillis() / (double) HOUR).isCloseTo(8, within(0.3));
        assertThat(disrupted.summary().typicalMillis() / (double) HOUR).isCloseTo(2, within(0.3));

        harness.processWatermark(t + 2 * HOUR);
        assertThat(updates()).as("a quiet lane's newest evidence is still the disruption: nothing to re-send").isEmpty();

        long recovery = t + 2 * HOUR;
        for (t = recovery; t < recovery + 2 * SETTINGS.bucketMillis(); t += MINUTE) {
            observe(LANE, t, 2);
        }
        harness.processWatermark(t + INTERVAL);
        ModelUpdate recovered = updates().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(recovered.summary().medianMillis() / (double) HOUR).isCloseTo(2, within(0.3));
    }

    @Test
    void aStepThatDependsOnTheHourIsSummarisedOverItsLastDayNotItsLastHour() throws Exception {
        harness.close();
        LearningSettings twoDays = new LearningSettings(Duration.ofMinutes(30), 96, 2, 20, 0.01, Duration.ofMinutes(5), Duration.ofDays(2));
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new StepLearner(twoDays), StepObservation::key, Types.STRING);
        String lastMile = "LM|OUT-B|NEXT_DAY|5";
        String lane = "TR|H1>H2|NEXT_DAY|*";
        // The last miles that began in one band end at two times of day: after this evening's round (2 h) and
        // after tomorrow morning's (16 h). Thirty per hour at each, the morning ones first.
        long morning = T0 + 9 * HOUR;
        long evening = T0 + 18 * HOUR;
        for (int i = 0; i < 30; i++) {
            observe(lastMile, morning + i * 2 * MINUTE, 16);
            observe(lane, morning + i * 2 * MINUTE, 16);
        }
        for (int i = 0; i < 30; i++) {
            observe(lastMile, evening + i * 2 * MINUTE, 2);
            observe(lane, evening + i * 2 * MINUTE, 2);
        }
        harness.processWatermark(evening + HOUR + INTERVAL);
        List<ModelUpdate> updates = updates();
        StepSummary day = updates.stream().filter(u -> u.key().equals(lastMile)).reduce((a, b) -> b).orElseThrow().summary();
        assertThat(day.count()).as("the whole day").isEqualTo(60);
        assertThat(day.quantileMillis(0.10) / (double) HOUR).isCloseTo(2, within(0.1));
        assertThat(day.quantileMillis(0.90) / (double) HOUR).isCloseTo(16, within(0.5));
        StepSummary recent = updates.stream().filter(u -> u.key().equals(lane)).reduce((a, b) -> b).orElseThrow().summary();
        assertThat(recent.quantileMillis(0.90) / (double) HOUR).as("a lane: only its last hour").isCloseTo(2, within(0.1));
    }

    @Test
    void roundTimesAreSentWithHowLongTheOutletHasBeenWatched() throws Exception {
        String rounds = StepKey.roundStart("OUT-B").asString();
        observe(rounds, T0, 8.5);
        observe(rounds, T0 + 2 * HOUR, 10.5);
        harness.processWatermark(T0 + 2 * HOUR + INTERVAL);
        List<ModelUpdate> sent = updates();
        assertThat(sent).as("sent from the first scans").isNotEmpty().extracting(ModelUpdate::key).containsOnly(rounds);
        StepSummary first = sent.getLast().summary();
        assertThat(first.watchedMillis()).as("from the start of the first bucket to the update").isEqualTo(2 * HOUR + INTERVAL);
        assertThat(first.quantileMillis(0) / (double) HOUR).as("times of day").isCloseTo(8.5, within(0.1));
        observe(rounds, T0 + 3 * HOUR + 40 * MINUTE, 12);
        harness.processWatermark(T0 + 3 * HOUR + 40 * MINUTE + INTERVAL);
        assertThat(updates().getLast().summary().watchedMillis()).as("this ring's whole four hours, less than a day")
                .isEqualTo(3 * HOUR + 40 * MINUTE + INTERVAL);
    }

    @Test
    void stateSurvivesASnapshotAndRestore() throws Exception {
        for (int i = 0; i < 30; i++) {
            observe(LANE, T0 + i * MINUTE, 2);
        }
        var snapshot = harness.snapshot(1, T0 + 30 * MINUTE);
        harness.close();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(new StepLearner(SETTINGS)),
                StepObservation::key, Types.STRING);
        harness.initializeState(snapshot);
        harness.open();
        observe(LANE, T0 + 31 * MINUTE, 2);
        harness.processWatermark(T0 + 40 * MINUTE);
        ModelUpdate update = updates().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(update.count()).isEqualTo(31);
    }
}
