package io.parcelwatch.eta;

import static io.parcelwatch.eta.History.HOUR;
import static io.parcelwatch.eta.History.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StepSummaryTest {
    /** A summary learned from {@code n} log-normal durations (median 2 h, sigma 0.5). */
    static StepSummary learnedFrom(int n, Random random) {
        StepDurations ring = StepDurations.empty(LearningSettings.defaults());
        for (int i = 0; i < n; i++) {
            ring.add(T0 + i * 60_000L, Math.round(2 * HOUR * Math.exp(0.5 * random.nextGaussian())));
        }
        return ring.summary(T0 + n * 60_000L);
    }

    @Test
    void thePredictiveIntervalOfTenObservationsHoldsEightyPercentOfTheNextOnes() {
        Random random = new Random(5);
        int inside = 0;
        int insideQuantiles = 0;
        int trials = 4000;
        for (int t = 0; t < trials; t++) {
            StepSummary learned = learnedFrom(10, random);
            assertThat(learned.count()).isEqualTo(10);
            double next = 2 * HOUR * Math.exp(0.5 * random.nextGaussian());
            if (next >= learned.predictiveMillis(0.1) && next <= learned.predictiveMillis(0.9)) {
                inside++;
            }
            if (next >= learned.quantileMillis(0.1) && next <= learned.quantileMillis(0.9)) {
                insideQuantiles++;
            }
        }
        assertThat(inside / (double) trials).as("predictive 10th-90th").isCloseTo(0.8, within(0.03));
        assertThat(insideQuantiles / (double) trials).as("the quantiles of the ten alone").isLessThan(0.76);
    }

    @Test
    void thePredictiveCdfInvertsThePredictiveQuantilesAndReachesBeyondTheLargestSeen() {
        StepSummary learned = learnedFrom(12, new Random(9));
        for (double u : new double[] {0.1, 0.2, 0.5, 0.8, 0.95, 0.99}) {
            assertThat(learned.predictiveCdf(learned.predictiveMillis(u))).as("at %s", u).isCloseTo(u, within(0.01));
        }
        double largest = learned.quantileMillis(1);
        assertThat(learned.predictiveMillis(0.99)).as("above the largest seen").isGreaterThan(largest);
        assertThat(learned.predictiveCdf(largest)).isCloseTo(12 / 13.0, within(0.001));
        assertThat(learned.predictiveMillis(0.5)).as("the median stays").isCloseTo(learned.quantileMillis(0.5), within(1.0));

        StepSummary prior = StepPrior.ofHours(2, 4).summary();
        assertThat(prior.predictiveMillis(0.9)).as("a prior is read as it is").isEqualTo(prior.quantileMillis(0.9));
    }
}
