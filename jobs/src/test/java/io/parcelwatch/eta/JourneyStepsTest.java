package io.parcelwatch.eta;

import static io.parcelwatch.eta.History.HOUR;
import static io.parcelwatch.eta.History.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.parcelwatch.tracking.state.Scan;
import java.util.List;
import org.junit.jupiter.api.Test;

class JourneyStepsTest {
    static final JourneyPlan PLAN = new JourneyPlan("NEXT_DAY", "OUT-A", "OUT-B", List.of("H1", "H2"));
    final JourneySteps steps = new JourneySteps(TimeOfDayBands.off());

    static List<String> keys(RemainingJourney journey) {
        return journey.steps().stream().map(StepKey::asString).toList();
    }

    @Test
    void aNormalJourneyCompletesOneStepPerMilestoneAndShrinksWhatRemains() {
        History h = new History();
        assertThat(keys(steps.remaining(h.scans(), PLAN))).containsExactly("PU|OUT-A|NEXT_DAY|*", "FM|OUT-A|NEXT_DAY|*",
                "DW|H1>H2|NEXT_DAY|*", "TR|H1>H2|NEXT_DAY|*", "DW|H2>OUT|NEXT_DAY|*", "LO|OUT-B|NEXT_DAY|*", "LM|OUT-B|NEXT_DAY|*");
        assertThat(steps.remaining(h.scans(), PLAN).hasCurrent()).isFalse();

        Scan created = h.add("CREATED", 0, null);
        assertThat(steps.completedBy(h.scans(), created, PLAN)).isEmpty();
        Scan pickedUp = h.add("PICKED_UP", 1, "OUT-A");
        assertThat(steps.completedBy(h.scans(), pickedUp, PLAN)).containsExactly(new StepObservation("PU|OUT-A|NEXT_DAY|*", at(0), HOUR));
        RemainingJourney afterPickup = steps.remaining(h.scans(), PLAN);
        assertThat(afterPickup.currentStartedAt()).isEqualTo(at(1));
        assertThat(keys(afterPickup)).containsExactly("FM|OUT-A|NEXT_DAY|*", "DW|H1>H2|NEXT_DAY|*", "TR|H1>H2|NEXT_DAY|*",
                "DW|H2>OUT|NEXT_DAY|*", "LO|OUT-B|NEXT_DAY|*", "LM|OUT-B|NEXT_DAY|*");

        Scan arrivedH1 = h.add("HUB_ARRIVED", 5, "H1");
        assertThat(steps.completedBy(h.scans(), arrivedH1, PLAN)).containsExactly(new StepObservation("FM|OUT-A|NEXT_DAY|*", at(1), 4 * HOUR));
        Scan departedH1 = h.add("HUB_DEPARTED", 8, "H1", "H2");
        assertThat(steps.completedBy(h.scans(), departedH1, PLAN)).as("the dwell, and a vehicle to H2 seen leaving at 08:00")
                .containsExactly(new StepObservation("DW|H1>H2|NEXT_DAY|*", at(5), 3 * HOUR), new StepObservation("DP|H1>H2|NEXT_DAY|*", at(0), 8 * HOUR));
        assertThat(keys(steps.remaining(h.scans(), PLAN))).containsExactly("TR|H1>H2|NEXT_DAY|*", "DW|H2>OUT|NEXT_DAY|*",
                "LO|OUT-B|NEXT_DAY|*", "LM|OUT-B|NEXT_DAY|*");
        Scan arrivedH2 = h.add("HUB_ARRIVED", 14, "H2");
        assertThat(steps.completedBy(h.scans(), arrivedH2, PLAN)).containsExactly(new StepObservation("TR|H1>H2|NEXT_DAY|*", at(8), 6 * HOUR));
        Scan departedH2 = h.add("HUB_DEPARTED", 16, "H2", "OUT-B");
        assertThat(steps.completedBy(h.scans(), departedH2, PLAN)).as("a shuttle to the outlets: this hub's, and across the network")
                .extracting(StepObservation::key).containsExactly("DW|H2>OUT|NEXT_DAY|*", "DP|H2>OUT|NEXT_DAY|*", "DP|*>OUT|NEXT_DAY|*");
        assertThat(keys(steps.remaining(h.scans(), PLAN))).containsExactly("LO|OUT-B|NEXT_DAY|*", "LM|OUT-B|NEXT_DAY|*");
        Scan atOutlet = h.add("OUTLET_ARRIVED", 17.5, "OUT-B");
        assertThat(steps.completedBy(h.scans(), atOutlet, PLAN)).containsExactly(new StepObservation("LO|OUT-B|NEXT_DAY|*", at(16), 90 * 60_000L));
        Scan out = h.add("OUT_FOR_DELIVERY", 20, "OUT-B");
        assertThat(steps.completedBy(h.scans(), out, PLAN)).as("a round seen leaving at 20:00 (UTC: no bands)")
                .containsExactly(new StepObservation("RS|OUT-B|*|*", at(0), 20 * HOUR));
        RemainingJourney outForDelivery = steps.remaining(h.scans(), PLAN);
        assertThat(keys(outForDelivery)).containsExactly("RD|OUT-B|NEXT_DAY|*");
        assertThat(outForDelivery.currentStartedAt()).as("the round counts from the out-for-delivery scan").isEqualTo(at(20));
        Scan delivered = h.add("DELIVERED", 22, "LOCKER-9", "LOCKER");
        assertThat(steps.completedBy(h.scans(), delivered, PLAN)).containsExactly(
                new StepObservation("LM|OUT-B|NEXT_DAY|*", at(17.5), (long) (4.5 * HOUR)),
                new StepObservation("RD|OUT-B|NEXT_DAY|*", at(20), 2 * HOUR));
        assertThat(steps.remaining(h.scans(), PLAN).finished()).isTrue();

        assertThat(steps.completed(h.scans(), PLAN)).extracting(s -> s.key().kind(), JourneySteps.CompletedStep::durationMillis)
                .containsExactly(tuple(StepKind.PICKUP, HOUR), tuple(StepKind.FIRST_MILE, 4 * HOUR), tuple(StepKind.DWELL, 3 * HOUR),
                        tuple(StepKind.TRANSIT, 6 * HOUR), tuple(StepKind.DWELL, 2 * HOUR), tuple(StepKind.LINE_TO_OUTLET, 90 * 60_000L),
                        tuple(StepKind.LAST_MILE, (long) (4.5 * HOUR)));
    }

    @Test
    void aLateUploadedScanCompletesTheStepsOnBothSides() {
        History h = new History();
        h.add("HUB_ARRIVED", 5, "H1");
        Scan arrivedH2 = h.add("HUB_ARRIVED", 14, "H2");
        assertThat(steps.completedBy(h.scans(), arrivedH2, PLAN)).as("no departure yet: no step").isEmpty();
        Scan departedH1 = h.add("HUB_DEPARTED", 8, "H1", "H2");
        assertThat(steps.completedBy(h.scans(), departedH1, PLAN)).containsExactly(
                new StepObservation("DW|H1>H2|NEXT_DAY|*", at(5), 3 * HOUR), new StepObservation("TR|H1>H2|NEXT_DAY|*", at(8), 6 * HOUR),
                new StepObservation("DP|H1>H2|NEXT_DAY|*", at(0), 8 * HOUR));
    }

    @Test
    void bandedStepsAreLearnedForTheirBandAcrossTheNetworkAndForTheWholeDay() {
        JourneySteps banded = new JourneySteps(TimeOfDayBands.defaults());
        History h = new History();
        h.add("HUB_ARRIVED", 5, "H1"); // 05:00 UTC = 13:00 China time: band 4 of 3-hour bands
        Scan departed = h.add("HUB_DEPARTED", 8, "H1", "H2");
        assertThat(banded.completedBy(h.scans(), departed, PLAN)).extracting(StepObservation::key)
                .containsExactly("DW|H1>H2|NEXT_DAY|4", "DW|*>HUB|NEXT_DAY|4", "DW|*>HUB|NEXT_DAY|*", "DW|H1>H2|NEXT_DAY|*", "DP|H1>H2|NEXT_DAY|*");
        Scan arrived = h.add("HUB_ARRIVED", 14, "H2");
        assertThat(banded.completedBy(h.scans(), arrived, PLAN)).as("transit does not depend on the hour")
                .extracting(StepObservation::key).containsExactly("TR|H1>H2|NEXT_DAY|*");
        Scan toOutlet = h.add("HUB_DEPARTED", 16, "H2", "OUT-B"); // the dwell began 14:00 UTC = 22:00 China time: band 7
        assertThat(banded.completedBy(h.scans(), toOutlet, PLAN)).extracting(StepObservation::key)
                .containsExactly("DW|H2>OUT|NEXT_DAY|7", "DW|*>OUT|NEXT_DAY|7", "DW|H2>OUT|NEXT_DAY|*", "DP|H2>OUT|NEXT_DAY|*", "DP|*>OUT|NEXT_DAY|*");
        h.add("OUTLET_ARRIVED", 17.5, "OUT-B"); // 01:30 China time: band 0
        Scan delivered = h.add("DELIVERED", 22, "OUT-B", "DOOR");
        assertThat(banded.completedBy(h.scans(), delivered, PLAN)).as("an outlet's step: the network's whole day too")
                .extracting(StepObservation::key)
                .containsExactly("LM|OUT-B|NEXT_DAY|0", "LM|*|NEXT_DAY|0", "LM|*|NEXT_DAY|*", "LM|OUT-B|NEXT_DAY|*");
    }

    @Test
    void aDwellIsKeyedByWhereTheParcelLeavesForAndColdChainApart() {
        JourneyPlan cold = new JourneyPlan("STANDARD", "OUT-A", "OUT-B", List.of("H1", "H2"), true);
        History h = new History();
        h.add("HUB_ARRIVED", 5, "H1");
        assertThat(keys(steps.remaining(h.scans(), cold))).containsExactly("DW|H1>H2|STANDARD+COLD|*", "TR|H1>H2|STANDARD|*",
                "DW|H2>OUT|STANDARD+COLD|*", "LO|OUT-B|STANDARD|*", "LM|OUT-B|STANDARD|*");
        Scan departed = h.add("HUB_DEPARTED", 6, "H1", null);
        assertThat(steps.completedBy(h.scans(), departed, cold)).as("no next facility on the scan: the route's next hub")
                .containsExactly(new StepObservation("DW|H1>H2|STANDARD+COLD|*", at(5), HOUR),
                        new StepObservation("DP|H1>H2|STANDARD+COLD|*", at(0), 6 * HOUR));
        assertThat(EtaPriors.defaults().prior(StepKind.DWELL, "SAME_DAY+COLD"))
                .as("a cold-chain token has its service level's prior").isEqualTo(EtaPriors.defaults().prior(StepKind.DWELL, "SAME_DAY"));
    }

    @Test
    void aRoundWithAFailedAttemptLastsUntilTheDelivery() {
        History h = new History();
        h.add("OUTLET_ARRIVED", 1, "OUT-B");
        h.add("OUT_FOR_DELIVERY", 2, "OUT-B");
        Scan failed = h.add("DELIVERY_FAILED", 3, "OUT-B", "NOT_HOME");
        assertThat(steps.completedBy(h.scans(), failed, PLAN)).isEmpty();
        RemainingJourney waiting = steps.remaining(h.scans(), PLAN);
        assertThat(keys(waiting)).as("after a failed attempt: the last mile again").containsExactly("LM|OUT-B|NEXT_DAY|*");
        assertThat(waiting.currentStartedAt()).isEqualTo(at(1));
        Scan delivered = h.add("DELIVERED", 27, "OUT-B", "DOOR");
        assertThat(steps.completedBy(h.scans(), delivered, PLAN)).containsExactly(
                new StepObservation("LM|OUT-B|NEXT_DAY|*", at(1), 26 * HOUR),
                new StepObservation("RD|OUT-B|NEXT_DAY|*", at(2), 25 * HOUR));
        Scan second = h.add("OUT_FOR_DELIVERY", 26, "OUT-B"); // uploaded after the delivery
        assertThat(steps.completedBy(h.scans(), second, PLAN)).containsExactly(new StepObservation("RD|OUT-B|NEXT_DAY|*", at(26), HOUR),
                new StepObservation("RS|OUT-B|*|*", at(24), 2 * HOUR));
    }

    @Test
    void anOutForDeliveryScanTellsWhenTheOutletsRoundLeavesInLocalTimeButNotForSameDayParcels() {
        JourneySteps banded = new JourneySteps(TimeOfDayBands.defaults());
        History h = new History();
        h.add("OUTLET_ARRIVED", 1, "OUT-B");
        Scan out = h.add("OUT_FOR_DELIVERY", 6.25, "OUT-B"); // 06:15 UTC = 14:15 China time
        List<StepObservation> seen = banded.completedBy(h.scans(), out, PLAN);
        assertThat(seen).containsExactly(new StepObservation("RS|OUT-B|*|*", at(6.25) - (long) (14.25 * HOUR), (long) (14.25 * HOUR)));
        assertThat(seen.getFirst().endTime()).as("filed by the scan's time").isEqualTo(at(6.25));
        assertThat(StepKey.parse("RS|OUT-B|*|*")).isEqualTo(StepKey.roundStart("OUT-B"));

        JourneyPlan sameDay = new JourneyPlan("SAME_DAY", "OUT-A", "OUT-B", List.of("H1"));
        assertThat(banded.completedBy(h.scans(), out, sameDay)).as("same-day parcels go out when sorted, not with a round").isEmpty();
        Scan departed = h.add("HUB_DEPARTED", 0.5, "H1", "OUT-B");
        assertThat(banded.completedBy(h.scans(), departed, sameDay)).as("nor do they wait for a hub's vehicles")
                .extracting(StepObservation::key).noneMatch(key -> key.startsWith("DP|"));
    }

    @Test
    void gapsAndContradictionsAreNotLearnedFrom() {
        History h = new History();
        h.add("HUB_ARRIVED", 5, "H1");
        Scan arrivedH2 = h.add("HUB_ARRIVED", 14, "H2");
        assertThat(steps.completedBy(h.scans(), arrivedH2, PLAN)).as("missing departure").isEmpty();
        Scan outlet = h.add("OUTLET_ARRIVED", 20, "OUT-B");
        assertThat(steps.completedBy(h.scans(), outlet, PLAN)).as("missing departure before the outlet").isEmpty();

        History skewed = new History();
        skewed.add("HUB_DEPARTED", 8, "H1", "H2");
        Scan early = skewed.add("HUB_ARRIVED", 7, "H2"); // a device clock behind: arrival before departure
        assertThat(steps.completedBy(skewed.scans(), early, PLAN)).isEmpty();

        History rescanned = new History();
        rescanned.add("HUB_ARRIVED", 5, "H1");
        Scan again = rescanned.add("HUB_ARRIVED", 5.5, "H1");
        assertThat(steps.completedBy(rescanned.scans(), again, PLAN)).isEmpty();
        Scan departed = rescanned.add("HUB_DEPARTED", 8, "H1", "H2");
        assertThat(steps.completedBy(rescanned.scans(), departed, PLAN)).as("dwell from the first arrival scan")
                .containsExactly(new StepObservation("DW|H1>H2|NEXT_DAY|*", at(5), 3 * HOUR), new StepObservation("DP|H1>H2|NEXT_DAY|*", at(0), 8 * HOUR));
    }

    @Test
    void aHoldStaysInTheStepItDelaysButAMisrouteOrLossIsNotLearned() {
        History held = new History();
        held.add("HUB_ARRIVED", 5, "H1");
        held.add("EXCEPTION", 7, "H1", "HELD");
        held.add("EXCEPTION", 11, "H1", "HELD");
        Scan departed = held.add("HUB_DEPARTED", 15, "H1", "H2");
        assertThat(steps.completedBy(held.scans(), departed, PLAN)).containsExactly(new StepObservation("DW|H1>H2|NEXT_DAY|*", at(5), 10 * HOUR),
                new StepObservation("DP|H1>H2|NEXT_DAY|*", at(0), 15 * HOUR));
        assertThat(keys(steps.remaining(held.scans(), PLAN)).get(0)).isEqualTo("TR|H1>H2|NEXT_DAY|*");

        History misrouted = new History();
        misrouted.add("HUB_DEPARTED", 8, "H1", "H2");
        misrouted.add("EXCEPTION", 12, "HX", "MISROUTED");
        Scan arrived = misrouted.add("HUB_ARRIVED", 13, "HX");
        assertThat(steps.completedBy(misrouted.scans(), arrived, PLAN)).isEmpty();
    }

    @Test
    void aParcelOffItsRouteGoesOnToTheNextPlannedHub() {
        JourneyPlan plan = new JourneyPlan("STANDARD", "OUT-A", "OUT-B", List.of("H1", "H2", "H3"));
        History h = new History();
        h.add("HUB_ARRIVED", 5, "H1");
        h.add("HUB_DEPARTED", 8, "H1", "HX");
        RemainingJourney inTransit = steps.remaining(h.scans(), plan);
        assertThat(keys(inTransit)).containsExactly("TR|H1>HX|STANDARD|*", "DW|HX>H2|STANDARD|*", "TR|HX>H2|STANDARD|*",
                "DW|H2>H3|STANDARD|*", "TR|H2>H3|STANDARD|*", "DW|H3>OUT|STANDARD|*", "LO|OUT-B|STANDARD|*", "LM|OUT-B|STANDARD|*");
        h.add("HUB_ARRIVED", 12, "HX");
        assertThat(keys(steps.remaining(h.scans(), plan))).containsExactly("DW|HX>H2|STANDARD|*", "TR|HX>H2|STANDARD|*",
                "DW|H2>H3|STANDARD|*", "TR|H2>H3|STANDARD|*", "DW|H3>OUT|STANDARD|*", "LO|OUT-B|STANDARD|*", "LM|OUT-B|STANDARD|*");
        h.add("HUB_DEPARTED", 13, "HX", "H2");
        assertThat(keys(steps.remaining(h.scans(), plan))).containsExactly("TR|HX>H2|STANDARD|*", "DW|H2>H3|STANDARD|*",
                "TR|H2>H3|STANDARD|*", "DW|H3>OUT|STANDARD|*", "LO|OUT-B|STANDARD|*", "LM|OUT-B|STANDARD|*");
    }

    @Test
    void unknownPlanStillGivesAJourney() {
        JourneyPlan unknown = new JourneyPlan(null, null, null, null);
        History h = new History();
        Scan pickedUp = h.add("PICKED_UP", 1, null);
        assertThat(steps.completedBy(h.scans(), pickedUp, unknown)).isEmpty();
        assertThat(keys(steps.remaining(h.scans(), unknown))).containsExactly("FM|?|?|*", "DW|?|?|*", "LO|?|?|*", "LM|?|?|*");
        h.add("HUB_ARRIVED", 5, "H7");
        assertThat(keys(steps.remaining(h.scans(), unknown))).as("an unknown route: this hub is taken as the last")
                .containsExactly("DW|H7>OUT|?|*", "LO|?|?|*", "LM|?|?|*");
        h.add("HUB_DEPARTED", 7, "H7", null);
        assertThat(keys(steps.remaining(h.scans(), unknown))).containsExactly("LO|?|?|*", "LM|?|?|*");
    }

    @Test
    void returnedAndLostParcelsHaveNothingLeft() {
        History returned = new History();
        returned.add("OUTLET_ARRIVED", 1, "OUT-B");
        returned.add("DELIVERY_FAILED", 3, "OUT-B", "REFUSED");
        assertThat(steps.remaining(returned.scans(), PLAN).finished()).isFalse();
        Scan back = returned.add("RETURNED", 4, "OUT-B");
        assertThat(steps.completedBy(returned.scans(), back, PLAN)).isEmpty();
        assertThat(steps.remaining(returned.scans(), PLAN).finished()).isTrue();

        History lost = new History();
        lost.add("HUB_ARRIVED", 1, "H1");
        lost.add("EXCEPTION", 30, "H1", "LOST");
        assertThat(steps.remaining(lost.scans(), PLAN)).isEqualTo(RemainingJourney.FINISHED);
    }

    @Test
    void keysSurviveTheirStringForm() {
        StepKey lane = new StepKey(StepKind.TRANSIT, "HUB|ODD>H2", "NEXT_DAY", 3);
        assertThat(StepKey.parse(lane.asString())).isEqualTo(lane);
        assertThat(StepKey.parse("LM|OUT-B|?|*")).isEqualTo(StepKey.of(StepKind.LAST_MILE, "OUT-B", null));
    }
}
