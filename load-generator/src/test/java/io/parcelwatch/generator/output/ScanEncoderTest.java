package io.parcelwatch.generator.output;

import static io.parcelwatch.generator.network.ChinaTime.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.generator.TestRun;
import io.parcelwatch.generator.anomalies.AnomalyConfig;
import io.parcelwatch.generator.sim.PendingScan;
import io.parcelwatch.generator.sim.Scenario;
import io.parcelwatch.generator.sim.Simulation;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fast encoder writes exactly the bytes AvroCodec writes, for every scan of a stream with every feature. */
class ScanEncoderTest {
    @Test
    void encodesEveryScanExactlyLikeAvroCodec() {
        AnomalyConfig many = new AnomalyConfig(0.03, 0.02, 0.05, 0.2, 0.3, 4, 0.4, 4, 0.01, 0.3);
        var settings = TestRun.settings(Scenario.DEFAULT, 1500, 17).withAnomalies(many).withParcelsPerHour(150).withDrain(10 * DAY);
        AvroCodec<ScanEvent> codec = AvroCodec.scanEvents();
        Set<ScanType> seen = EnumSet.noneOf(ScanType.class);
        long[] compared = {0};
        EventSink checking = new EventSink() {
            ScanEncoder encoder;

            @Override
            public void scan(PendingScan scan, long arrivalTime) {
                if (encoder == null) {
                    encoder = ScanEncoder.forSchemaOf(scan.factory(), scan);
                    assertThat(encoder).as("fast encoder accepted for the current schema").isNotNull();
                }
                ScanEvent record = scan.toRecord();
                byte[] fast = encoder.encode(scan);
                if (!Arrays.equals(fast, codec.encode(record))) {
                    throw new AssertionError("encodings differ for " + record);
                }
                seen.add(record.getType());
                compared[0]++;
            }

            @Override
            public void scan(ScanEvent event, long arrivalTime) {
                throw new AssertionError("the simulation hands out pending scans");
            }

            @Override
            public void complaint(ComplaintEvent event, long arrivalTime) {
            }

            @Override
            public void close() {
            }

            @Override
            public String describe() {
                return "check";
            }
        };
        new Simulation(settings, TestRun.START).run(checking, label -> { }, outcome -> { });
        assertThat(compared[0]).isGreaterThan(20_000);
        assertThat(seen).containsAll(EnumSet.range(ScanType.CREATED, ScanType.TEMPERATURE));
    }
}
