package io.parcelwatch.generator.sim;

import static io.parcelwatch.generator.network.ChinaTime.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.generator.StreamView;
import io.parcelwatch.generator.TestRun;
import io.parcelwatch.generator.network.ChinaTime;
import io.parcelwatch.generator.output.Outcome;
import io.parcelwatch.generator.parcels.Stage;
import io.parcelwatch.generator.parcels.StageLimits;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.schema.ServiceLevel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The normal process (clean scenario) stays within the documented stage maxima and looks like a real network. */
class ProcessModelTest {
    static TestRun run;
    static StreamView view;

    @BeforeAll
    static void generate() {
        run = TestRun.of(TestRun.settings(Scenario.CLEAN, 5000, 3).withParcelsPerHour(120).withDrain(10 * DAY));
        view = StreamView.of(run.sink);
    }

    @Test
    void noStageEverExceedsItsNormalMaximum() {
        Map<Stage, Long> longest = new EnumMap<>(Stage.class);
        for (String parcel : view.scansByParcel.keySet()) {
            List<ScanEvent> progress = view.progress(parcel);
            boolean cold = view.coldChain(parcel);
            for (int i = 1; i < progress.size(); i++) {
                Stage stage = Stage.after(progress.get(i - 1).getType());
                long gap = progress.get(i).getEventTime().toEpochMilli() - progress.get(i - 1).getEventTime().toEpochMilli();
                assertThat(gap).as("%s after %s (cold %s)", parcel, stage, cold).isBetween(0L, StageLimits.normalMax(stage, cold));
                longest.merge(stage, gap, Math::max);
            }
        }
        System.out.println("longest normal stage durations (h): " + longest.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format("%.1f", e.getValue() / 3_600_000.0)).toList());
        // the maxima are tight: each main stage comes within a few hours of its maximum
        assertThat(longest.get(Stage.IN_TRANSIT)).isGreaterThan(StageLimits.normalMax(Stage.IN_TRANSIT, false) / 2);
        assertThat(longest.get(Stage.AT_HUB)).isGreaterThan(StageLimits.normalMax(Stage.AT_HUB, false) / 2);
    }

    @Test
    void everyParcelIsDeliveredOrReturnedAndMostAreOnTime() {
        assertThat(run.outcomes).hasSize(5000);
        long late = run.outcomes.stream().filter(Outcome::late).count();
        long delivered = run.outcomes.stream().filter(o -> o.finalStatus().equals("DELIVERED")).count();
        assertThat(run.outcomes).allMatch(o -> o.finalStatus().equals("DELIVERED") || o.finalStatus().equals("RETURNED"));
        double onTime = 1 - late / (double) run.outcomes.size();
        System.out.printf("on-time rate %.3f, delivered %d%n", onTime, delivered);
        assertThat(onTime).isBetween(0.90, 0.995);
        assertThat(delivered).isGreaterThan(4900);
    }

    @Test
    void serviceLevelsCategoriesAndMethodsAllOccur() {
        assertThat(run.outcomes.stream().map(Outcome::serviceLevel).distinct()).containsExactlyInAnyOrder("SAME_DAY", "NEXT_DAY", "STANDARD");
        assertThat(run.outcomes.stream().map(Outcome::category).distinct()).containsExactlyInAnyOrder("REGULAR", "FRESH", "MEDICINE");
        assertThat(run.outcomes.stream().map(Outcome::deliveryMethod).distinct()).contains("DOOR", "LOCKER", "STATION");
        long sameDayLate = run.outcomes.stream().filter(o -> o.serviceLevel().equals(ServiceLevel.SAME_DAY.name()) && o.late()).count();
        long sameDay = run.outcomes.stream().filter(o -> o.serviceLevel().equals(ServiceLevel.SAME_DAY.name())).count();
        assertThat(sameDayLate).isLessThan(Math.max(1, sameDay / 5));
    }

    @Test
    void scansFollowTheTimeOfDay() {
        long[] deliveredByHour = new long[24];
        long[] departuresByHour = new long[24];
        for (ScanEvent e : run.sink.scans()) {
            int hour = ChinaTime.hourOfDay(e.getEventTime().toEpochMilli());
            if (e.getType() == ScanType.DELIVERED) {
                deliveredByHour[hour]++;
            } else if (e.getType() == ScanType.HUB_DEPARTED) {
                departuresByHour[hour]++;
            }
        }
        // deliveries happen in the day and evening, none between 02:00 and 07:00
        for (int h = 2; h < 7; h++) {
            assertThat(deliveredByHour[h]).as("deliveries at %02d:00", h).isZero();
        }
        assertThat(deliveredByHour[18] + deliveredByHour[19] + deliveredByHour[20]).as("evening peak").isGreaterThan(deliveredByHour[8]);
        // line-haul waves leave overnight
        assertThat(departuresByHour[20] + departuresByHour[23] + departuresByHour[2]).isGreaterThan(departuresByHour[5] + departuresByHour[8]);
    }

    @Test
    void phonesAreElevenDigitMobileNumbers() {
        assertThat(view.createdByParcel.values()).allSatisfy(c -> {
            assertThat(c.getRecipient().getPhone()).matches("1[3-9]\\d{9}");
            assertThat(c.getRecipient().getName()).isNotBlank();
            assertThat(c.getRecipient().getAddress()).isNotBlank();
            assertThat(c.getPlannedRoute()).isNotEmpty();
        });
    }

    @Test
    void everyScanWithAPlaceNamesItsRegion() {
        assertThat(run.sink.scans()).allSatisfy(e -> {
            if (e.getFacilityId() != null) {
                assertThat(e.getRegionId()).startsWith("CN-");
            }
        });
        assertThat(run.sink.scans().stream().filter(e -> e.getType() != ScanType.CREATED && e.getType() != ScanType.TEMPERATURE))
                .allMatch(e -> e.getFacilityId() != null);
    }
}
