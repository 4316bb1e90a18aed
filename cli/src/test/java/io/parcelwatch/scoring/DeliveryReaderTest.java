package io.parcelwatch.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelwatch.scoring.Delivery.Point;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryReaderTest {
    @Test
    void readsTheContractFieldsAndIgnoresTheRest() throws Exception {
        String json = """
                {"parcelId": "SF1001", "stage": "DELIVERED", "serviceLevel": "EXPRESS", "category": "FRESH",
                 "plannedRoute": ["HUB-A", "HUB-B", "HUB-C"], "promisedAt": "2026-11-21T12:00:00Z",
                 "deliveredAt": 1795262400000, "lastScan": {"time": "2026-11-21T10:00:00Z", "type": "DELIVERED"},
                 "scans": [{"type": "CREATED"}],
                 "prediction": {"p10": "2026-11-21T09:00:00Z", "p50": "2026-11-21T10:00:00Z", "p90": "2026-11-21T11:00:00Z",
                                "lateProbability": 0.0, "slowestStep": null, "computedAt": "2026-11-21T10:00:00Z"},
                 "predictionsAt": {
                   "pickup": {"at": "2026-11-20T08:00:00Z", "p10": "2026-11-21T06:00:00Z", "p50": "2026-11-21T09:30:00+08:00",
                              "p90": "2026-11-21T14:00:00Z", "lateProbability": 0.25, "slowestStep": "LANE:HUB-A>HUB-B",
                              "computedAt": "2026-11-20T08:00:00Z"},
                   "halfway": null,
                   "outForDelivery": {"at": "2026-11-21T07:00:00Z", "p50": "2026-11-21T10:00:00Z", "p90": "2026-11-21T11:00:00Z",
                              "lateProbability": 0.01}}}
                """;
        Delivery d = DeliveryReader.parse(PredictionDocs.JSON.readTree(json));

        assertThat(d.parcelId()).isEqualTo("SF1001");
        assertThat(d.serviceLevel()).isEqualTo("EXPRESS");
        assertThat(d.promisedAt()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
        assertThat(d.deliveredAt()).isEqualTo(Instant.ofEpochMilli(1795262400000L));
        assertThat(d.snapshots()).containsOnlyKeys(Point.PICKUP); // halfway null, outForDelivery without p10
        assertThat(d.incomplete()).isEqualTo(1);
        Delivery.Snapshot pickup = d.snapshots().get(Point.PICKUP);
        assertThat(pickup.at()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(pickup.p50()).isEqualTo(Instant.parse("2026-11-21T01:30:00Z"));
        assertThat(pickup.lateProbability()).isEqualTo(0.25);
    }

    @Test
    void aDocumentWithoutDeliveryOrPredictions() throws Exception {
        Delivery d = DeliveryReader.parse(PredictionDocs.JSON.readTree("{\"parcelId\": \"SF2\", \"stage\": \"AT_HUB\"}"));
        assertThat(d.deliveredAt()).isNull();
        assertThat(d.promisedAt()).isNull();
        assertThat(d.snapshots()).isEmpty();
        assertThat(d.incomplete()).isZero();
    }

    @Test
    void aTimeThatIsNoTimeNamesTheParcelAndField() throws Exception {
        var doc = PredictionDocs.JSON.readTree("{\"parcelId\": \"SF3\", \"deliveredAt\": \"yesterday\"}");
        assertThatThrownBy(() -> DeliveryReader.parse(doc)).hasMessageContaining("SF3").hasMessageContaining("deliveredAt");
    }
}
