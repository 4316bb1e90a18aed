package io.parcelwatch.eta;

import static io.parcelwatch.eta.History.HOUR;
import static io.parcelwatch.eta.History.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StepDurationsTest {
    static final long MINUTE = 60_000L;
    static final LearningSettings SETTINGS = LearningSettings.defaults(); // 30-min buckets x 96, recent >= 2 buckets and 40 obs
    static final StepPrior PRIOR = StepPrior.ofHours(4, 9);

    static double hours(StepSummary s) {
        return s.medianMillis() / (double) HOUR;
    }

    /** One transit a minute from {@code from} to {@code until} (end times), log-normal around {@code medianHours}. */
    static long feed(StepDurations ring, Random random, long from, long until, double medianHours) {
        long t = from;
        for (; t < until; t += MINUTE) {
            ring.add(t, Math.round(medianHours * HOUR * Math.exp(0.1 * random.nextGaussian())));
        }
        return t;
    }

    /**
     * Savepoints hold rings in this format: a change of the bytes needs a new format number and a reader for the old one.
     * The digest was taken from the DataOutputStream-based writer that preceded the in-place one.
     */
    @Test
    void theStoredFormatIsUnchanged() throws Exception {
        StepDurations ring = StepDurations.empty(SETTINGS);
        for (int i = 0; i < 500; i++) {
            ring.add(1_764_000_000_000L + i * 300_000L, 60_000L + (i * 7919L) % 3_600_000L);
        }
        byte[] bytes = ring.toBytes();
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(digest).isEqualTo("d017c7276f847c7ee25cef400e74916c89d06001bec093cf1e2661331d376bdd");
        assertThat(StepDurations.fromBytes(bytes, SETTINGS).toBytes()).isEqualTo(bytes);
    }

    @Test
    void usesThePriorUntilEnoughIsLearnedThenTheObservations() {
        StepDurations ring = StepDurations.empty(SETTINGS);
        assertThat(ring.summary(T0, PRIOR, 10).quantileSeconds()).isEqualTo(PRIOR.summary().quantileSeconds());
        assertThat(hours(ring.summary(T0, PRIOR, 10))).isCloseTo(4, within(0.01));
        for (int i = 0; i < 9; i++) {
            ring.add(T0 + i * MINUTE, 2 * HOUR);
        }
        assertThat(ring.summary(T0 + 10 * MINUTE, PRIOR, 10).count()).as("9 < 10: still the prior").isZero();
        ring.add(T0 + 10 * MINUTE, 2 * HOUR);
        StepSummary learned = ring.summary(T0 + 10 * MINUTE, PRIOR, 10);
        assertThat(learned.count()).isEqualTo(10);
        assertThat(hours(learned)).isCloseTo(2, within(2 * 0.01 * 2));
        assertThat(learned.asOf()).isEqualTo(T0 + 10 * MINUTE);
    }

    @Test
    void aDisruptedLaneShowsWithinTheRecentWindowAndRecovers() {
        Random random = new Random(7);
        StepDurations ring = StepDurations.empty(SETTINGS);
        long t = feed(ring, random, T0, T0 + 24 * HOUR, 2);
        assertThat(hours(ring.summary(t))).isCloseTo(2, within(0.1));

        long disruption = t;
        long recentWindow = SETTINGS.recentBuckets() * SETTINGS.bucketMillis(); // 1 h
        t = feed(ring, random, t, disruption + recentWindow, 8);
        StepSummary during = ring.summary(t);
        assertThat(hours(during)).as("median one recent window into the disruption").isGreaterThan(6);
        assertThat(during.typicalMillis() / (double) HOUR).as("the typical duration still says 2 h").isCloseTo(2, within(0.2));
        t = feed(ring, random, t, disruption + 3 * HOUR, 8);
        assertThat(hours(ring.summary(t))).isCloseTo(8, within(0.4));

        long recovery = t;
        t = feed(ring, random, t, recovery + recentWindow, 2);
        assertThat(hours(ring.summary(t))).as("median one recent window after the disruption").isCloseTo(2, within(0.3));
    }

    @Test
    void aQuietKeyLooksFurtherBackUntilItHasEnough() {
        StepDurations ring = StepDurations.empty(SETTINGS);
        for (int i = 0; i < 40; i++) { // one an hour: 40 h
            ring.add(T0 + i * HOUR, i < 30 ? 2 * HOUR : 3 * HOUR);
        }
        StepSummary s = ring.summary(T0 + 40 * HOUR);
        assertThat(s.count()).as("the window reached back to 40 observations").isEqualTo(40);
        assertThat(hours(s)).isCloseTo(2, within(0.05));
    }

    @Test
    void bytesAndMergesLoseNothing() {
        Random random = new Random(3);
        StepDurations a = StepDurations.empty(SETTINGS);
        StepDurations b = StepDurations.empty(SETTINGS);
        StepDurations both = StepDurations.empty(SETTINGS);
        for (int i = 0; i < 500; i++) {
            long end = T0 + i * 5 * MINUTE;
            long d = Math.round(HOUR * Math.exp(random.nextGaussian()));
            (i % 3 == 0 ? a : b).add(end, d);
            both.add(end, d);
        }
        StepDurations restored = StepDurations.fromBytes(a.toBytes(), SETTINGS);
        restored.merge(StepDurations.fromBytes(b.toBytes(), SETTINGS));
        long now = T0 + 500 * 5 * MINUTE;
        assertThat(restored.count()).isEqualTo(500);
        assertThat(restored.summary(now)).isEqualTo(both.summary(now));
        assertThat(restored.toBytes()).isEqualTo(both.toBytes());
        assertThat(both.toBytes().length).as("compact: ~48 h of buckets").isLessThan(16 * 1024);
    }

    @Test
    void observationsOlderThanTheRingAreRefusedAndOldBucketsExpire() {
        StepDurations ring = StepDurations.empty(SETTINGS);
        long span = SETTINGS.bucketCount() * SETTINGS.bucketMillis();
        assertThat(ring.add(T0 + span, HOUR)).isTrue();
        assertThat(ring.add(T0, HOUR)).as("a ring's length before the newest").isFalse();
        assertThat(ring.add(T0 + SETTINGS.bucketMillis(), HOUR)).isTrue();
        ring.expire(T0 + 2 * span);
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.summary(T0 + 2 * span)).isNull();
        assertThat(ring.summary(T0 + 2 * span, PRIOR, 1).count()).isZero();
    }

    @Test
    void timesOfDayKeepEveryDepartureSeenTwiceHoweverFewItCarriedButNotAStrayScan() {
        StepDurations departures = StepDurations.empty(SETTINGS);
        long midnight = T0 - 8 * HOUR; // local (China) midnight before T0
        for (int i = 0; i < 700; i++) { // the midday wave: 700 scans from 11:45 to 12:00
            long scan = midnight + 12 * HOUR - 15 * MINUTE + i * 15 * MINUTE / 700;
            departures.add(scan, scan - midnight);
        }
        for (long scan : new long[] {midnight + 24 * HOUR - 10 * MINUTE, midnight + 24 * HOUR - 9 * MINUTE, midnight + 18 * HOUR}) {
            departures.add(scan, scan - midnight); // two scans of the 00:00 wave, and one at 18:00 (a wrong clock)
        }
        int[] seen = departures.timesOfDay(midnight + 24 * HOUR).quantileSeconds();
        assertThat(seen[0] / 3600.0).as("the first time seen").isCloseTo(11.75, within(0.15));
        assertThat(seen[StepSummary.LAST] / 3600.0).as("the 00:00 wave's two scans").isCloseTo(23.84, within(0.25));
        assertThat(java.util.Arrays.stream(seen).filter(t -> Math.abs(t - 18 * 3600) < 1800)).as("no stray 18:00").isEmpty();
        for (int i = 1; i < seen.length; i++) {
            assertThat(seen[i]).isGreaterThanOrEqualTo(seen[i - 1]);
        }
        Timetable timetable = Timetable.learned(departures.timesOfDay(midnight + 24 * HOUR), true, HOUR, new int[0], TimeOfDayBands.defaults());
        assertThat((timetable.leaves(midnight + 22 * HOUR, TimeOfDayBands.defaults()) - midnight) / (double) HOUR)
                .as("ready at 22:00: the 00:00 wave, not tomorrow's midday one").isCloseTo(23.8, within(0.3));
    }

    @Test
    void settingsRejectNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LearningSettings(Duration.ofMinutes(30), 4, 5, 1, 0.01,
                Duration.ofMinutes(5), Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
