package io.parcelwatch.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KpiWindowsTest {
    static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    static final KpiSettings SETTINGS = KpiSettings.defaults().withTimes(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofHours(2));
    static final ObjectMapper JSON = new ObjectMapper();

    KeyedOneInputStreamOperatorTestHarness<String, ScopedFact, KpiWrite> harness;
    long processingTime;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new KpiWindows(SETTINGS), ScopedFact::key, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static long at(double hours) {
        return DAY.toEpochMilli() + Math.round(hours * 3_600_000);
    }

    static KpiFact delivered(double hours, boolean onTime, String lateStage, boolean firstAttempt) {
        return new KpiFact(KpiFactKind.DELIVERED, 1, at(hours), "STANDARD", "REGULAR", "SH", "BJ", "OUT-SH-1", null,
                "HUB-BJ@BJ,HUB-SH@SH", onTime, false, firstAttempt, "DOOR", false, lateStage, firstAttempt ? null : "FAILED_ATTEMPT",
                4, 3, null, 0);
    }

    void send(KpiFact fact) throws Exception {
        harness.processElement(ScopedFact.of(Scope.NETWORK, Scope.NETWORK_ID, null, fact), fact.time());
    }

    /** Lets the write interval pass; returns the documents written, by id (the last write of each). */
    Map<String, KpiWrite> written() throws Exception {
        processingTime += SETTINGS.writeInterval().toMillis();
        harness.setProcessingTime(processingTime);
        Map<String, KpiWrite> byId = new LinkedHashMap<>();
        for (KpiWrite w : harness.extractOutputValues()) {
            byId.put(w.id(), w);
        }
        harness.getOutput().clear();
        return byId;
    }

    static JsonNode json(KpiWrite write) throws Exception {
        return JSON.readTree(write.json());
    }

    @Test
    void countsAndRatesOfAWindowAsComputedByHand() throws Exception {
        send(KpiFact.pickup(at(10.05), "STANDARD", "REGULAR", "SH", "OUT-SH-1"));
        send(KpiFact.complaintOpened(at(10.1), "SH", "DELAY"));
        send(delivered(10.3, true, null, true));
        send(delivered(10.6, false, "AT_HUB", false));
        send(KpiFact.complaintResponded(at(10.8), "SH", "DELAY", 30));
        send(KpiFact.complaintResponded(at(10.9), "SH", "DELAY", 26 * 60));

        Map<String, KpiWrite> docs = written();
        assertThat(docs).containsOnlyKeys("hour|network|NETWORK|2026-11-20T10:00:00Z", "day|network|NETWORK|2026-11-20T00:00:00Z");
        KpiWrite hour = docs.get("hour|network|NETWORK|2026-11-20T10:00:00Z");
        assertThat(hour.index()).isEqualTo("kpi-hour-2026.11");
        assertThat(docs.get("day|network|NETWORK|2026-11-20T00:00:00Z").index()).isEqualTo("kpi-day-2026");
        assertThat(hour.version()).isEqualTo(6);
        JsonNode d = json(hour);
        assertThat(d.path("windowStart").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(d.path("windowEnd").asText()).isEqualTo("2026-11-20T11:00:00Z");
        assertThat(d.path("pickedUp").asLong()).isEqualTo(1);
        assertThat(d.path("delivered").asLong()).isEqualTo(2);
        assertThat(d.path("deliveredOnTime").asLong()).isEqualTo(1);
        assertThat(d.path("onTimeRate").asDouble()).isEqualTo(0.5);
        assertThat(d.path("intactRate").asDouble()).isEqualTo(1.0);
        assertThat(d.path("firstAttemptRate").asDouble()).isEqualTo(0.5);
        assertThat(d.path("doorShare").asDouble()).isEqualTo(1.0);
        assertThat(d.path("lossRate").asDouble()).isEqualTo(0.0);
        assertThat(d.path("scanGaps").asLong()).isEqualTo(8);
        assertThat(d.path("freshness").asDouble()).isEqualTo(0.75);
        assertThat(d.path("lateByStage").path("AT_HUB").asLong()).isEqualTo(1);
        assertThat(d.path("exceptionsByCode").path("FAILED_ATTEMPT").asLong()).isEqualTo(1);
        assertThat(d.path("complaintsOpened").asLong()).isEqualTo(1);
        assertThat(d.path("complaintRatePer10k").asDouble()).isEqualTo(10_000.0);
        assertThat(d.path("complaintsByReason").path("DELAY").asLong()).isEqualTo(1);
        assertThat(d.path("complaintsResponded").asLong()).isEqualTo(2);
        assertThat(d.path("respondedWithin24h").asLong()).isEqualTo(1);
        assertThat(d.path("respondedWithin24hShare").asDouble()).isEqualTo(0.5);
        assertThat(d.path("responseMinutesMean").asDouble()).isEqualTo((30 + 26 * 60) / 2.0);
        // DDSketch's quantile q is the value at rank floor(q·(n−1)): of two values, p90 is the lower one (within 1%).
        assertThat(d.path("responseMinutesP90").asDouble()).isCloseTo(30, within(30 * 0.01));
        assertThat(d.path("responseSketch").asText()).isNotEmpty();
        assertThat(d.path("lostRate").isMissingNode()).isTrue();
        assertThat(d.path("stationShare").asDouble()).isEqualTo(0.0);

        assertThat(written()).as("nothing changed, nothing rewritten").isEmpty();
    }

    @Test
    void aRetractionRewritesTheWindowOfTheFactItTakesBackWithAHigherVersion() throws Exception {
        KpiFact first = delivered(10.3, true, null, true);
        send(first);
        assertThat(written()).hasSize(2);
        // A failed attempt uploaded late: the tracker takes the first-attempt delivery back and adds the corrected one.
        send(first.retracted());
        send(delivered(10.3, true, null, false));
        Map<String, KpiWrite> docs = written();
        KpiWrite hour = docs.get("hour|network|NETWORK|2026-11-20T10:00:00Z");
        assertThat(hour.version()).isEqualTo(3);
        JsonNode d = json(hour);
        assertThat(d.path("delivered").asLong()).isEqualTo(1);
        assertThat(d.path("firstAttemptDelivered").asLong()).isEqualTo(0);
        assertThat(d.path("firstAttemptRate").asDouble()).isEqualTo(0.0);
        assertThat(d.path("exceptionsByCode").path("FAILED_ATTEMPT").asLong()).isEqualTo(1);
    }

    @Test
    void lateFactsUpdateWindowsStillOpenAndGoToTheSideOutputOnceAllAreClosed() throws Exception {
        send(delivered(10.3, true, null, true));
        written();
        // The hour 10:00-11:00 closes when the watermark passes 11:00 plus one hour of allowed lateness.
        harness.processWatermark(at(12.0));
        send(delivered(10.5, false, "OUT_FOR_DELIVERY", true));
        Map<String, KpiWrite> docs = written();
        assertThat(docs).as("the day window takes it, the closed hour does not").containsOnlyKeys("day|network|NETWORK|2026-11-20T00:00:00Z");
        assertThat(json(docs.get("day|network|NETWORK|2026-11-20T00:00:00Z")).path("delivered").asLong()).isEqualTo(2);
        assertThat(harness.getSideOutput(KpiWindows.LATE)).isNull();

        harness.processWatermark(at(25.0)); // past the day's end plus the lateness
        send(delivered(23.0, true, null, true));
        assertThat(written()).isEmpty();
        assertThat(harness.getSideOutput(KpiWindows.LATE)).hasSize(1);

        assertThat(harness.numKeyedStateEntries()).as("every window closed: no state left").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aWindowThatClosesWithAChangeNotYetWrittenIsWrittenAsItCloses() throws Exception {
        send(delivered(10.3, true, null, true));
        harness.processWatermark(at(25.0));
        List<KpiWrite> out = harness.extractOutputValues();
        assertThat(out).extracting(KpiWrite::id)
                .containsExactlyInAnyOrder("hour|network|NETWORK|2026-11-20T10:00:00Z", "day|network|NETWORK|2026-11-20T00:00:00Z");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
