package io.parcelwatch.eta;

import static io.parcelwatch.eta.History.HOUR;
import static io.parcelwatch.eta.History.T0;
import static io.parcelwatch.eta.History.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeliveryPredictorTest {
    /**
     * Priors without a round or shuttle timetable: a last mile or a dwell still to come is then a step like any other,
     * as learned, until its rounds or departures are learned.
     */
    static final EtaPriors NO_TIMETABLES = EtaPriors.defaults().withRounds(OutletRounds.defaults().withPrior(List.of()))
            .withDepartures(HubDepartures.defaults().withOutletShuttles(List.of()));
    final DeliveryPredictor unbanded = new DeliveryPredictor(NO_TIMETABLES, TimeOfDayBands.off(), 256);

    /** A learned summary of a log-normal step: exact quantiles, 1000 observations. */
    static StepSummary logNormal(double medianHours, double sigma, double typicalHours) {
        StepSummary q = StepPrior.ofHours(medianHours, medianHours * Math.exp(1.2816 * sigma)).summary();
        return new StepSummary(q.quantileSeconds(), (int) Math.round(typicalHours * 3600), 1000, T0);
    }

    static StepSummary logNormal(double medianHours, double sigma) {
        return logNormal(medianHours, sigma, medianHours);
    }

    static StepKey key(StepKind kind, String scope) {
        return StepKey.of(kind, scope, "STANDARD");
    }

    @Test
    void theIntervalCoversEightyPercentOfTrueDeliveries() throws Exception {
        double[][] steps = {{4, 0.3}, {3.5, 0.6}, {6, 0.25}, {2, 0.8}, {1.4, 0.3}, {6.5, 0.7}}; // median h, sigma
        List<StepKey> keys = new ArrayList<>();
        Map<String, StepSummary> learned = new HashMap<>();
        for (int s = 0; s < steps.length; s++) {
            StepKey k = key(StepKind.values()[s], "S" + s);
            keys.add(k);
            learned.put(k.asString(), logNormal(steps[s][0], steps[s][1]));
        }
        DeliveryModel model = DeliveryModel.of(learned);
        RemainingJourney journey = new RemainingJourney(keys, RemainingJourney.NOT_STARTED, false);
        int inside = 0;
        int below = 0;
        int parcels = 2000;
        Random truth = new Random(11); // one stream: java.util.Random's first draws of nearby seeds are correlated
        for (int j = 0; j < parcels; j++) {
            double hours = 0;
            for (double[] step : steps) {
                hours += step[0] * Math.exp(step[1] * truth.nextGaussian());
            }
            long delivered = T0 + Math.round(hours * HOUR);
            Prediction p = unbanded.predict("P" + j, journey, T0, DeliveryPredictor.NO_PROMISE, model);
            assertThat(p.p10()).isLessThanOrEqualTo(p.p50());
            assertThat(p.p50()).isLessThanOrEqualTo(p.p90());
            if (delivered >= p.p10() && delivered <= p.p90()) {
                inside++;
            }
            if (delivered < p.p50()) {
                below++;
            }
        }
        assertThat(inside / (double) parcels).as("share inside p10-p90").isCloseTo(0.80, within(0.04));
        assertThat(below / (double) parcels).as("share before the median").isCloseTo(0.50, within(0.04));
    }

    @Test
    void lateProbabilityRisesWithTimeSpentInTheCurrentStep() throws Exception {
        StepKey lastMile = key(StepKind.LAST_MILE, "OUT-B");
        DeliveryModel model = DeliveryModel.of(Map.of(lastMile.asString(), logNormal(4, 0.5)));
        RemainingJourney journey = new RemainingJourney(List.of(lastMile), T0, false);
        long promise = at(8);
        double previous = -1;
        List<Double> seen = new ArrayList<>();
        for (double elapsed : new double[] {0, 2, 4, 6, 7.5}) {
            long now = at(elapsed);
            Prediction p = unbanded.predict("P1", journey, now, promise, model);
            assertThat(p.p10()).isGreaterThanOrEqualTo(now);
            assertThat(p.computedAt()).isEqualTo(now);
            assertThat(p.lateProbability()).isGreaterThanOrEqualTo(previous);
            previous = p.lateProbability();
            seen.add(previous);
        }
        // P(T > 8 h) for a log-normal with median 4 h and sigma 0.5 is about 8%
        assertThat(seen.get(0)).isCloseTo(0.08, within(0.03));
        assertThat(seen.get(seen.size() - 1)).isGreaterThan(0.5);

        Prediction overdue = unbanded.predict("P1", journey, at(40), promise, model);
        assertThat(overdue.p50()).as("beyond anything seen: still some time left").isGreaterThan(at(40));
        assertThat(overdue.lateProbability()).isEqualTo(1.0);
        assertThat(overdue.slowestStep()).isEqualTo(lastMile.asString());
    }

    @Test
    void theSlowestStepIsTheOneFurthestAboveItsUsualDuration() throws Exception {
        StepKey lane = key(StepKind.TRANSIT, "H1>H2");
        StepKey dwell = key(StepKind.DWELL, "H2");
        StepKey lastMile = key(StepKind.LAST_MILE, "OUT-B");
        DeliveryModel model = DeliveryModel.of(Map.of(lane.asString(), logNormal(8, 0.2, 2), dwell.asString(), logNormal(3, 0.3),
                lastMile.asString(), logNormal(5, 0.4)));
        RemainingJourney journey = new RemainingJourney(List.of(lane, dwell, lastMile), at(0), false);
        Prediction p = unbanded.predict("P1", journey, at(1), at(48), model);
        assertThat(p.slowestStep()).isEqualTo(lane.asString());

        DeliveryModel normal = model.with(ModelUpdate.of(lane.asString(), logNormal(2, 0.2)));
        Prediction onTime = unbanded.predict("P1", journey, at(1), at(48), normal);
        assertThat(onTime.slowestStep()).as("nothing slower than usual").isNull();
        assertThat(onTime.p50()).isLessThan(p.p50() - 4 * HOUR);
    }

    @Test
    void bandedStepsUseTheBandTheyStartIn() throws Exception {
        DeliveryPredictor banded = new DeliveryPredictor(EtaPriors.defaults(), TimeOfDayBands.defaults(), 256);
        StepKey lastMile = key(StepKind.LAST_MILE, "OUT-B");
        int band = TimeOfDayBands.defaults().bandOf(T0); // 08:00 China time: band 2
        DeliveryModel model = DeliveryModel.of(Map.of(lastMile.withBand(band).asString(), logNormal(2, 0.2),
                lastMile.asString(), logNormal(10, 0.2)));
        RemainingJourney journey = new RemainingJourney(List.of(lastMile), T0, false);
        Prediction p = banded.predict("P1", journey, T0, DeliveryPredictor.NO_PROMISE, model);
        assertThat((p.p50() - T0) / (double) HOUR).isCloseTo(2, within(0.2));

        RemainingJourney otherBand = new RemainingJourney(List.of(lastMile), T0 + 6 * HOUR, false);
        Prediction q = banded.predict("P1", otherBand, T0 + 6 * HOUR, DeliveryPredictor.NO_PROMISE, model);
        assertThat((q.p50() - T0 - 6 * HOUR) / (double) HOUR).as("no summary for that band: the whole day's").isCloseTo(10, within(1.0));
    }

    @Test
    void aBandAPlaceHasNotSeenEnoughOfIsTheNetworksForAHubAndForAnOutletLikeTheNetwork() throws Exception {
        DeliveryPredictor banded = new DeliveryPredictor(NO_TIMETABLES, TimeOfDayBands.defaults(), 256);
        StepKey dwell = StepKey.of(StepKind.DWELL, StepKey.dwell("H1", null), "STANDARD");
        StepKey town = key(StepKind.LAST_MILE, "OUT-TOWN");
        StepKey rural = key(StepKind.LAST_MILE, "OUT-RURAL");
        int band = TimeOfDayBands.defaults().bandOf(T0);
        StepSummary sparse = new StepSummary(logNormal(20, 0.2).quantileSeconds(), 20 * 3600, 3, T0); // too few to trust
        DeliveryModel model = DeliveryModel.of(Map.ofEntries(
                Map.entry(dwell.withBand(band).asString(), sparse),
                Map.entry(dwell.withBand(band).network().asString(), logNormal(4, 0.2)),
                Map.entry(dwell.asString(), logNormal(12, 0.2)),
                Map.entry(town.withBand(band).network().asString(), logNormal(2, 0.2)),
                Map.entry(town.network().asString(), logNormal(7, 0.5)),
                Map.entry(town.asString(), logNormal(7.5, 0.5)),
                Map.entry(rural.asString(), logNormal(16, 0.5))));
        assertThat(dwell.withBand(band).network().asString()).isEqualTo("DW|*>OUT|STANDARD|" + band);
        assertThat(town.withBand(band).network().asString()).isEqualTo("LM|*|STANDARD|" + band);

        Prediction current = banded.predict("P1", new RemainingJourney(List.of(dwell), T0, false), T0,
                DeliveryPredictor.NO_PROMISE, model);
        assertThat(hoursAfter(current, T0)).as("the current dwell").isCloseTo(4, within(0.4));
        assertThat(hoursAfter(predictAhead(banded, dwell, model), T0)).as("a dwell still to come").isCloseTo(4, within(0.4));
        assertThat(hoursAfter(predictAhead(banded, town, model), T0)).as("an outlet whose day is like the network's").isCloseTo(2, within(0.2));
        assertThat(hoursAfter(predictAhead(banded, rural, model), T0)).as("one whose day is not: its own whole day").isCloseTo(16, within(1.5));

        StepKey longHaul = StepKey.of(StepKind.DWELL, StepKey.dwell("H1", "H9"), "STANDARD");
        StepKey shortHaul = StepKey.of(StepKind.DWELL, StepKey.dwell("H1", "H2"), "STANDARD");
        DeliveryModel hubs = DeliveryModel.of(Map.ofEntries(
                Map.entry(longHaul.withBand(band).network().asString(), logNormal(3, 0.2)),
                Map.entry(longHaul.network().asString(), logNormal(3.5, 0.4)),
                Map.entry(longHaul.asString(), logNormal(9, 0.3)),
                Map.entry(shortHaul.asString(), logNormal(3.2, 0.3))));
        assertThat(longHaul.withBand(band).network().asString()).isEqualTo("DW|*>HUB|STANDARD|" + band);
        assertThat(hoursAfter(predictAhead(banded, longHaul, hubs), T0)).as("a dwell before a long-haul wave: its own whole day")
                .isCloseTo(9, within(1.0));
        assertThat(hoursAfter(predictAhead(banded, shortHaul, hubs), T0)).as("one like the network's: the network's band")
                .isCloseTo(3, within(0.3));
    }

    /** Round times of a rural outlet whose rounds leave at 09:00 and 14:00 China time (01:00 and 06:00 UTC), scanned over 20 minutes. */
    static StepDurations ruralRounds(int days) {
        StepDurations times = StepDurations.empty(LearningSettings.defaults());
        for (int day = -days + 1; day <= 0; day++) {
            for (int i = 0; i < 20; i++) {
                long nine = T0 + day * 24 * HOUR + HOUR + i * 60_000L;
                long two = T0 + day * 24 * HOUR + 6 * HOUR + i * 60_000L;
                times.add(nine, nine - (T0 + day * 24 * HOUR - 8 * HOUR));
                times.add(two, two - (T0 + day * 24 * HOUR - 8 * HOUR));
            }
        }
        return times;
    }

    @Test
    void aParcelStillToReachItsOutletWaitsForTheNextOfTheOutletsLearnedRounds() throws Exception {
        DeliveryPredictor banded = new DeliveryPredictor(EtaPriors.defaults(), TimeOfDayBands.defaults(), 256);
        StepKey lastMile = key(StepKind.LAST_MILE, "OUT-RURAL");
        Map<String, StepSummary> learned = new HashMap<>(Map.of(
                StepKey.roundStart("OUT-RURAL").asString(), ruralRounds(2).timesOfDay(T0 + 7 * HOUR),
                key(StepKind.ROUND, "OUT-RURAL").asString(), logNormal(2.5, 0.1),
                lastMile.asString(), logNormal(4, 0.3)));
        DeliveryModel model = DeliveryModel.of(learned);

        // reaches the outlet at 15:00 China time, after the last round: tomorrow's 09:00 round, then 2.5 h
        Prediction afterLast = banded.predict("P1", new RemainingJourney(List.of(lastMile), RemainingJourney.NOT_STARTED, false),
                T0 + 7 * HOUR, DeliveryPredictor.NO_PROMISE, model);
        assertThat(hoursAfter(afterLast, T0 + 7 * HOUR)).isCloseTo(18 + 1 / 6.0 + 2.5, within(0.3));
        // at 10:00: ready by 11:00 at the latest, the 14:00 round
        Prediction morning = banded.predict("P1", new RemainingJourney(List.of(lastMile), RemainingJourney.NOT_STARTED, false),
                T0 + 2 * HOUR, DeliveryPredictor.NO_PROMISE, model);
        assertThat(hoursAfter(morning, T0 + 2 * HOUR)).isCloseTo(4 + 1 / 6.0 + 2.5, within(0.3));
        // at 13:30: ready 13:45 to 14:30, so some draws make the 14:00 round and the rest wait for tomorrow's
        Prediction close = banded.predict("P1", new RemainingJourney(List.of(lastMile), RemainingJourney.NOT_STARTED, false),
                T0 + (long) (5.5 * HOUR), DeliveryPredictor.NO_PROMISE, model);
        assertThat((close.p10() - T0 - 5.5 * HOUR) / (double) HOUR).isLessThan(4);
        assertThat((close.p90() - T0 - 5.5 * HOUR) / (double) HOUR).isGreaterThan(20);

        StepKey sameDay = StepKey.of(StepKind.LAST_MILE, "OUT-RURAL", "SAME_DAY");
        learned.put(sameDay.asString(), logNormal(1.4, 0.3));
        assertThat(hoursAfter(predictAhead(banded, sameDay, DeliveryModel.of(learned)), T0)).as("same day: its last mile as learned")
                .isCloseTo(1.4, within(0.2));
        learned.remove(StepKey.roundStart("OUT-RURAL").asString());
        // at 08:00, ready 08:15 to 09:00: a third of the draws make the prior 08:30 round, the rest the 13:30 one
        assertThat(hoursAfter(predictAhead(banded, lastMile, DeliveryModel.of(learned)), T0)).as("no rounds learned: the prior timetable")
                .isCloseTo(5.5 + 2.5, within(0.3));
        DeliveryPredictor withoutPrior = new DeliveryPredictor(NO_TIMETABLES, TimeOfDayBands.defaults(), 256);
        assertThat(hoursAfter(predictAhead(withoutPrior, lastMile, DeliveryModel.of(learned)), T0)).as("and no prior: the last mile")
                .isCloseTo(4, within(0.4));
    }

    @Test
    void anOutletWatchedForLessThanADayKeepsThePriorRoundsOfTheHoursNotYetWatched() throws Exception {
        DeliveryPredictor banded = new DeliveryPredictor(EtaPriors.defaults(), TimeOfDayBands.defaults(), 256);
        StepKey lastMile = key(StepKind.LAST_MILE, "OUT-RURAL");
        StepDurations firstDay = ruralRounds(1);
        Map<String, StepSummary> learned = new HashMap<>(Map.of(
                key(StepKind.ROUND, "OUT-RURAL").asString(), logNormal(2.5, 0.1),
                lastMile.asString(), logNormal(4, 0.3)));

        // watched from 09:00 to 15:00 China time: the 09:00 and 14:00 rounds, and maybe one at 17:00 as in the prior
        learned.put(StepKey.roundStart("OUT-RURAL").asString(), firstDay.timesOfDay(T0 + 7 * HOUR));
        Prediction afternoon = banded.predict("P1", new RemainingJourney(List.of(lastMile), RemainingJourney.NOT_STARTED, false),
                T0 + 7 * HOUR, DeliveryPredictor.NO_PROMISE, DeliveryModel.of(learned));
        assertThat(hoursAfter(afternoon, T0 + 7 * HOUR)).as("ready 15:15 to 16:00: the prior 17:00 round").isCloseTo(2 + 2.5, within(0.3));

        // watched until 18:30 without an evening round: tomorrow's 09:00 round as learned (not the prior's 08:30, which is that round)
        learned.put(StepKey.roundStart("OUT-RURAL").asString(), firstDay.timesOfDay(T0 + 10 * HOUR + 30 * 60_000L));
        Prediction evening = banded.predict("P1", new RemainingJourney(List.of(lastMile), RemainingJourney.NOT_STARTED, false),
                T0 + 10 * HOUR + 30 * 60_000L, DeliveryPredictor.NO_PROMISE, DeliveryModel.of(learned));
        assertThat(hoursAfter(evening, T0 + 10 * HOUR + 30 * 60_000L)).isCloseTo(14.5 + 1 / 6.0 + 2.5, within(0.3));
    }

    @Test
    void aDwellWaitsForTheFirstVehicleAfterSortingWhereTheTimetableIsKnown() throws Exception {
        DeliveryPredictor banded = new DeliveryPredictor(EtaPriors.defaults(), TimeOfDayBands.defaults(), 256);
        StepKey dwell = key(StepKind.DWELL, StepKey.dwell("H1", "H2"));
        // vehicles to H2 at 10:00, 13:00, 16:00 and 19:00 China time, scanned over the 15 minutes before; watched 08:00-20:00
        StepDurations departures = StepDurations.empty(LearningSettings.defaults());
        for (int vehicle = 0; vehicle < 4; vehicle++) {
            for (int i = 0; i < 15; i++) {
                long scan = T0 + (2 + 3 * vehicle) * HOUR - (15 - i) * 60_000L;
                departures.add(scan, scan - (T0 - 8 * HOUR));
            }
        }
        Map<String, StepSummary> learned = new HashMap<>(Map.of(
                StepKey.departures(dwell.scope(), "STANDARD").asString(), departures.timesOfDay(T0 + 12 * HOUR),
                dwell.asString(), logNormal(12, 0.3), // as if learned from a few dwells that waited long
                dwell.withBand(4).asString(), logNormal(12, 0.3))); // dwells that began 12:00-15:00 have been seen ending
        DeliveryModel model = DeliveryModel.of(learned);

        // reaches H1 at 12:00: sorted by 13:00 in a sixth of the draws (the 13:00 vehicle), else by 15:45 (the 16:00 one)
        Prediction noon = banded.predict("P1", new RemainingJourney(List.of(dwell), RemainingJourney.NOT_STARTED, false),
                T0 + 4 * HOUR, DeliveryPredictor.NO_PROMISE, model);
        assertThat(hoursAfter(noon, T0 + 4 * HOUR)).as("the 16:00 vehicle").isCloseTo(3.9, within(0.15));
        assertThat((noon.p10() - T0 - 4 * HOUR) / (double) HOUR).as("some catch the 13:00 one").isCloseTo(0.9, within(0.15));

        // in the dwell since 12:00, at 13:30: sorted or not, the 16:00 vehicle
        Prediction waiting = banded.predict("P1", new RemainingJourney(List.of(dwell), T0 + 4 * HOUR, false),
                T0 + (long) (5.5 * HOUR), DeliveryPredictor.NO_PROMISE, model);
        assertThat(hoursAfter(waiting, T0 + (long) (5.5 * HOUR))).isCloseTo(2.4, within(0.15));

        // still there at 17:00, an hour after the last vehicle it could have caught: held, the dwell as learned
        Prediction held = banded.predict("P1", new RemainingJourney(List.of(dwell), T0 + 4 * HOUR, false),
                T0 + 9 * HOUR, DeliveryPredictor.NO_PROMISE, model);
        assertThat(hoursAfter(held, T0 + 9 * HOUR)).as("not the 19:00 vehicle").isGreaterThan(5);

        // reaches H1 at 09:00: watched, but no dwell that began 09:00-12:00 has been seen ending, so no parcel was there to
        // show that no vehicle leaves between 10:00 and 13:00 but the ones seen: the dwell as learned
        Prediction morning = banded.predict("P1", new RemainingJourney(List.of(dwell), RemainingJourney.NOT_STARTED, false),
                T0 + HOUR, DeliveryPredictor.NO_PROMISE, model);
        assertThat(hoursAfter(morning, T0 + HOUR)).isCloseTo(12, within(0.6));

        // reaches H1 at 21:00: the hours after 20:00 are not watched yet, so the dwell as learned
        Prediction night = banded.predict("P1", new RemainingJourney(List.of(dwell), RemainingJourney.NOT_STARTED, false),
                T0 + 13 * HOUR, DeliveryPredictor.NO_PROMISE, model);
        assertThat(hoursAfter(night, T0 + 13 * HOUR)).isCloseTo(12, within(0.6));

        StepKey sameDay = StepKey.of(StepKind.DWELL, dwell.scope(), "SAME_DAY");
        learned.put(StepKey.departures(dwell.scope(), "SAME_DAY").asString(), departures.timesOfDay(T0 + 12 * HOUR));
        learned.put(sameDay.asString(), logNormal(0.5, 0.2));
        assertThat(hoursAfter(banded.predict("P1", new RemainingJourney(List.of(sameDay), RemainingJourney.NOT_STARTED, false),
                T0 + 4 * HOUR, DeliveryPredictor.NO_PROMISE, DeliveryModel.of(learned)), T0 + 4 * HOUR))
                .as("same day: leaves once sorted, as learned").isCloseTo(0.5, within(0.1));
    }

    @Test
    void aDwellBeforeTheOutletShuttlesTakesThePriorShuttlesUntilTheyAreLearned() throws Exception {
        DeliveryPredictor banded = new DeliveryPredictor(EtaPriors.defaults(), TimeOfDayBands.defaults(), 256);
        StepKey toOutlets = key(StepKind.DWELL, StepKey.dwell("H2", null));
        DeliveryModel censored = DeliveryModel.of(Map.of(toOutlets.asString(), logNormal(2, 0.3)));
        // reaches H2 at 12:00 China time, sorted by 13:00-15:00: the prior 16:00 shuttle, not a dwell of 2 h
        assertThat(hoursAfter(banded.predict("P1", new RemainingJourney(List.of(toOutlets), RemainingJourney.NOT_STARTED, false),
                T0 + 4 * HOUR, DeliveryPredictor.NO_PROMISE, censored), T0 + 4 * HOUR)).isCloseTo(4, within(0.1));
        StepKey cold = StepKey.of(StepKind.DWELL, toOutlets.scope(), "STANDARD+COLD");
        DeliveryModel coldLearned = DeliveryModel.of(Map.of(cold.asString(), logNormal(2, 0.3)));
        assertThat(hoursAfter(banded.predict("P1", new RemainingJourney(List.of(cold), RemainingJourney.NOT_STARTED, false),
                T0 + 4 * HOUR, DeliveryPredictor.NO_PROMISE, coldLearned), T0 + 4 * HOUR))
                .as("cold-chain vehicles keep their own hours: the dwell as learned").isCloseTo(2, within(0.2));
    }

    static Prediction predictAhead(DeliveryPredictor predictor, StepKey step, DeliveryModel model) throws Exception {
        return predictor.predict("P1", new RemainingJourney(List.of(step), RemainingJourney.NOT_STARTED, false), T0,
                DeliveryPredictor.NO_PROMISE, model);
    }

    static double hoursAfter(Prediction p, long t) {
        return (p.p50() - t) / (double) HOUR;
    }

    @Test
    void withNothingLearnedThePriorsGiveASensibleTime() throws Exception {
        JourneySteps steps = new JourneySteps(TimeOfDayBands.defaults());
        History h = new History();
        h.add("CREATED", 0, null);
        h.add("PICKED_UP", 1, "OUT-A");
        RemainingJourney journey = steps.remaining(h.scans(), JourneyStepsTest.PLAN);
        Prediction p = DeliveryPredictor.defaults().predict("P1", journey, at(1), at(40), DeliveryModel.EMPTY);
        EtaPriors priors = EtaPriors.defaults();
        double sumOfMedians = journey.steps().stream()
                .mapToDouble(k -> priors.prior(k.kind(), k.service()).median().toMillis() / (double) HOUR).sum();
        assertThat(sumOfMedians).isGreaterThan(20);
        assertThat((p.p50() - at(1)) / (double) HOUR).isBetween(0.8 * sumOfMedians, 1.6 * sumOfMedians);
        assertThat(p.p90() - p.p10()).isGreaterThan(4 * HOUR);
        assertThat(DeliveryPredictor.defaults().predict("P1", journey, at(1), at(40), DeliveryModel.EMPTY)).isEqualTo(p);
    }

    @Test
    void aPickupUnderWayTakesThePriorOfTheHourTheParcelWasAnnounced() throws Exception {
        JourneySteps steps = new JourneySteps(TimeOfDayBands.defaults());
        History h = new History();
        h.add("CREATED", 5.8, null); // T0 is 08:00 in China: announced at 13:48, picked up within hours in the generator
        RemainingJourney journey = steps.remaining(h.scans(), JourneyStepsTest.PLAN);
        long promise = at(38); // 22:00 the next day
        EtaPriors d = EtaPriors.defaults();
        // the kind's prior for every hour, as before pickup hours: the service level's own pickup prior takes precedence
        EtaPriors wholeDay = new EtaPriors(d.byKind(), Map.of("NEXT_DAY", Map.of(StepKind.PICKUP, d.prior(StepKind.PICKUP, "NEXT_DAY"))),
                d.minObservations(), d.rounds(), d.departures(), d.pickups());

        Prediction byHour = new DeliveryPredictor(d, TimeOfDayBands.defaults(), 256).predict("P1", journey, at(6), promise, DeliveryModel.EMPTY);
        Prediction anyHour = new DeliveryPredictor(wholeDay, TimeOfDayBands.defaults(), 256).predict("P1", journey, at(6), promise,
                DeliveryModel.EMPTY);

        assertThat(anyHour.lateProbability()).isGreaterThanOrEqualTo(0.5); // a PREDICTED_DELAY on a parcel the network had hours for
        assertThat(byHour.lateProbability()).isLessThan(0.5);
        assertThat(byHour.p50()).isLessThan(anyHour.p50());
    }

    @Test
    void aFinishedJourneyPredictsNothingLeft() throws Exception {
        Prediction p = unbanded.predict("P1", RemainingJourney.FINISHED, at(5), at(4), DeliveryModel.EMPTY);
        assertThat(p.p50()).isEqualTo(at(5));
        assertThat(p.lateProbability()).isEqualTo(1.0);
    }
}
