package io.parcelwatch.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.complaints.ComplaintState;
import io.parcelwatch.complaints.ValidComplaint;
import io.parcelwatch.eta.FlinkTypesTest;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** KPI facts, scoped facts and complaint state cross operators or sit in state: Flink POJOs, no Kryo. */
class KpiTypesTest {

    @Test
    void factsAndComplaintStateAreFlinkPojos() throws Exception {
        KpiFact fact = KpiFact.complaintResponded(5L, "R-EAST", "DELAY", 42.5);
        assertThat(FlinkTypesTest.roundTrip(KpiFact.class, fact)).isEqualTo(fact);
        ScopedFact scoped = ScopedFact.of(Scope.REGION, "R-EAST", "R-EAST", fact);
        assertThat(FlinkTypesTest.roundTrip(ScopedFact.class, scoped)).isEqualTo(scoped);
        ComplaintState state = new ComplaintState();
        state.openedAt = 7L;
        state.reason = "DAMAGE";
        assertThat(FlinkTypesTest.roundTrip(ComplaintState.class, state).reason).isEqualTo("DAMAGE");
        assertThat(FlinkTypesTest.roundTrip(ValidComplaint.class, new ValidComplaint("C", new byte[] {1, 2})).avro())
                .containsExactly(1, 2);
        assertThat(FlinkTypesTest.roundTrip(KpiWrite.class, new KpiWrite("i", "d", 3, new byte[] {4})).version()).isEqualTo(3);
    }

    @Test
    void aFinishedParcelCountsForEveryScopeItTouched() {
        KpiFact delivered = new KpiFact(KpiFactKind.DELIVERED, 1, 0L, "STANDARD", "FRESH", "BJ", "SH", "OUT-BJ-7", null,
                "HUB-SH@SH,HUB-BJ@BJ", true, false, true, "DOOR", false, null, null, 3, 3, null, 0);
        assertThat(scopes(delivered)).containsExactly("NETWORK|NETWORK@null", "REGION|BJ@BJ", "SERVICE|STANDARD@null",
                "CATEGORY|FRESH@null", "OUTLET|OUT-BJ-7@BJ", "HUB|HUB-SH@SH", "HUB|HUB-BJ@BJ", "LANE|SH>BJ@null");
        assertThat(scopes(KpiFact.complaintOpened(0L, "R-EAST", "LOSS"))).as("complaints carry only a region")
                .containsExactly("NETWORK|NETWORK@null", "REGION|R-EAST@R-EAST");
    }

    static List<String> scopes(KpiFact fact) {
        List<String> keys = new java.util.ArrayList<>();
        new FactScopes().flatMap(fact, new Collector<>() {
            @Override
            public void collect(ScopedFact record) {
                keys.add(record.key() + "@" + record.regionId());
            }

            @Override
            public void close() {}
        });
        return keys;
    }
}
