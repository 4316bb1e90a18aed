package io.parcelwatch.generator.sim;

import static io.parcelwatch.generator.network.ChinaTime.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.generator.TestRun;
import io.parcelwatch.generator.output.AvroFileSink;
import io.parcelwatch.generator.output.EventSink;
import io.parcelwatch.generator.output.GroundTruthFiles;
import io.parcelwatch.generator.output.JsonLinesSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed (and start) gives the same stream, labels and outcomes, byte for byte. */
class DeterminismTest {
    @TempDir
    Path dir;

    private static GeneratorSettings settings(long seed) {
        return TestRun.settings(Scenario.DEFAULT, 1500, seed).withParcelsPerHour(500).withDrain(10 * DAY);
    }

    private static void run(GeneratorSettings settings, Path out, Function<Path, EventSink> sinkFactory) {
        Simulation simulation = new Simulation(settings, TestRun.START);
        EventSink sink = sinkFactory.apply(out);
        try (var labels = new GroundTruthFiles.LabelWriter(out.resolve("labels.jsonl"));
             var outcomes = new GroundTruthFiles.OutcomeWriter(out.resolve("outcomes.jsonl"))) {
            simulation.run(sink, labels, outcomes);
        } finally {
            sink.close();
        }
    }

    @Test
    void sameSeedGivesByteIdenticalJsonLinesLabelsAndOutcomes() throws IOException {
        run(settings(42), dir.resolve("a"), d -> new JsonLinesSink(d.resolve("events.jsonl")));
        run(settings(42), dir.resolve("b"), d -> new JsonLinesSink(d.resolve("events.jsonl")));
        for (String file : new String[] {"events.jsonl", "labels.jsonl", "outcomes.jsonl"}) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(file));
            byte[] b = Files.readAllBytes(dir.resolve("b").resolve(file));
            assertThat(a.length).as(file).isGreaterThan(1000);
            assertThat(a).as(file).isEqualTo(b);
        }
    }

    @Test
    void sameSeedGivesByteIdenticalAvroFiles() throws IOException {
        run(settings(42), dir.resolve("a"), d -> new AvroFileSink(d, "deflate", 42));
        run(settings(42), dir.resolve("b"), d -> new AvroFileSink(d, "deflate", 42));
        for (String file : new String[] {AvroFileSink.SCANS_FILE, AvroFileSink.COMPLAINTS_FILE}) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(file))).as(file).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
        }
    }

    @Test
    void anotherSeedGivesAnotherStream() throws IOException {
        run(settings(42), dir.resolve("a"), d -> new JsonLinesSink(d.resolve("events.jsonl")));
        run(settings(43), dir.resolve("b"), d -> new JsonLinesSink(d.resolve("events.jsonl")));
        assertThat(Files.readAllBytes(dir.resolve("a").resolve("events.jsonl")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("b").resolve("events.jsonl")));
    }
}
