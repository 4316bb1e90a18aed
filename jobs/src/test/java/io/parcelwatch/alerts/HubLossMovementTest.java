package io.parcelwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.alerts.HubMovement.Kind;
import io.parcelwatch.schema.ExceptionCode;
import io.parcelwatch.schema.HubDeparture;
import io.parcelwatch.schema.ParcelException;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class HubLossMovementTest {
    static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

    static ScanEvent.Builder scan(ScanType type, String facility) {
        return ScanEvent.newBuilder().setEventId("E1").setRevision(2).setParcelId("P1").setType(type)
                .setEventTime(T).setFacilityId(facility).setRegionId("CN-SH");
    }

    @Test
    void hubScansBecomeMovements() {
        assertThat(HubMovement.of(scan(ScanType.HUB_ARRIVED, "HUB-SH-01").build()))
                .isEqualTo(new HubMovement("HUB-SH-01", "CN-SH", "P1", Kind.ARRIVED, T.toEpochMilli(), 2));
        assertThat(HubMovement.of(scan(ScanType.HUB_DEPARTED, "HUB-SH-01").setDetails(new HubDeparture("HUB-BJ-01")).build()).kind())
                .isEqualTo(Kind.DEPARTED);
        assertThat(HubMovement.of(scan(ScanType.EXCEPTION, "HUB-SH-01").setDetails(new ParcelException(ExceptionCode.HELD, null)).build()).kind())
                .isEqualTo(Kind.PRESENT);
        assertThat(HubMovement.of(scan(ScanType.EXCEPTION, "HUB-SH-01").setDetails(new ParcelException(ExceptionCode.LOST, null)).build()).kind())
                .isEqualTo(Kind.REPORTED_LOST);
    }

    @Test
    void scansAfterTheHubsAreSightingsElsewhere() {
        for (ScanType type : new ScanType[] {ScanType.OUTLET_ARRIVED, ScanType.OUT_FOR_DELIVERY, ScanType.DELIVERY_FAILED, ScanType.RETURNED}) {
            assertThat(HubMovement.of(scan(type, "OUT-SH01-007").build()))
                    .isEqualTo(new HubMovement("OUT-SH01-007", "CN-SH", "P1", Kind.SEEN, T.toEpochMilli(), 2));
        }
    }

    @Test
    void otherScansAndScansWithoutAPlaceAreNotMovements() {
        assertThat(HubMovement.of(scan(ScanType.PICKED_UP, "OUT-SH01-007").build())).isNull();
        assertThat(HubMovement.of(scan(ScanType.TEMPERATURE, "HUB-SH-01").setTemperatureCelsius(4.0).build())).isNull();
        assertThat(HubMovement.of(scan(ScanType.HUB_ARRIVED, null).build())).isNull();
    }

    @Test
    void everythingTheDetectorSerializesIsAFlinkPojo() {
        // the job runs with pipeline.generic-types=false: no Kryo fallback allowed
        assertThat(TypeInformation.of(HubMovement.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(HubLossVisit.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(HubLossState.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(HubLossStay.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void defaultsAreConsistent() {
        HubLossRules rules = HubLossRules.defaults();
        assertThat(rules.window().toMillis() % rules.timerBucket().toMillis()).isZero();
        assertThat(rules.maxDwell()).isGreaterThanOrEqualTo(Duration.ofHours(14 + 3));
        assertThat(rules.minMissingShare()).isGreaterThan(rules.resolveShare());
    }
}
