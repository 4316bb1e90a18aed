package io.parcelwatch.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScanMatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The scan history as ParcelDocument renders it: Instant.toString() times, which drop zero milliseconds. */
    private static JsonNode document() throws Exception {
        return JSON.readTree("""
                {"parcelId": "P1", "scans": [
                  {"time": "2026-11-20T08:00:00Z", "type": "CREATED", "facilityId": "OUT-1"},
                  {"time": "2026-11-20T09:30:00.250Z", "type": "PICKED_UP", "facilityId": "OUT-1"}
                ]}""");
    }

    @Test
    void findsAScanByTypeAndEventTime() throws Exception {
        assertThat(ScanMatcher.shows(document(), "CREATED", Instant.parse("2026-11-20T08:00:00Z").toEpochMilli())).isTrue();
        assertThat(ScanMatcher.shows(document(), "PICKED_UP", Instant.parse("2026-11-20T09:30:00.250Z").toEpochMilli())).isTrue();
    }

    @Test
    void anotherTimeOrTypeIsNotTheScan() throws Exception {
        assertThat(ScanMatcher.shows(document(), "PICKED_UP", Instant.parse("2026-11-20T09:30:00Z").toEpochMilli())).isFalse();
        assertThat(ScanMatcher.shows(document(), "HUB_ARRIVED", Instant.parse("2026-11-20T08:00:00Z").toEpochMilli())).isFalse();
    }

    @Test
    void aDocumentWithoutHistoryShowsNothing() throws Exception {
        assertThat(ScanMatcher.shows(JSON.readTree("{\"parcelId\": \"P1\"}"), "CREATED", 0)).isFalse();
    }
}
