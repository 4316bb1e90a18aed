package io.parcelwatch.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GeneratorCliTest {
    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cli = GeneratorCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Result r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("generate", "replay", "describe-network");
        assertThat(run("generate", "--help").out()).contains("--parcels", "--duration", "--speed", "--rate", "--seed", "--labels",
                "--outcomes", "--late-share", "--stale-share", "--bootstrap-servers");
    }

    @Test
    void generatesToJsonLinesWithLabelsAndOutcomesAndReplaysTheFile() throws Exception {
        Path out = dir.resolve("run");
        Result r = run("generate", "--scenario", "small", "--parcels", "300", "--output", "jsonl", "--out-dir", out.toString(),
                "--start", "2026-11-20T00:00:00Z", "--seed", "5", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("events.jsonl")).isNotEmptyFile();
        assertThat(out.resolve("labels.jsonl")).exists();
        assertThat(Files.readAllLines(out.resolve("outcomes.jsonl"))).hasSize(300);
        assertThat(r.out()).contains("Generated", "Scan events by type", "CREATED", "Anomalies injected", "Labels:", "labels.jsonl",
                "Outcomes:", "outcomes.jsonl");

        Result replay = run("replay", out.toString(), "--output", "avro", "--out-dir", dir.resolve("converted").toString(), "--quiet");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("Replayed");
        assertThat(dir.resolve("converted").resolve("scans.avro")).isNotEmptyFile();
    }

    @Test
    void badInputFileFailsWithItsPathAndLine() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"eventId\":\"a\",\"parcelId\":\"p\",\"type\":\"CREATED\",\"eventTime\":1}\nnot json\n");
        Result r = run("replay", file.toString(), "--output", "none", "--quiet");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("bad.jsonl:2").doesNotContain("Exception:");
        Result missing = run("replay", dir.resolve("missing.avro").toString(), "--output", "none");
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).contains("missing.avro: no such file");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(run("generate", "--parcels", "0", "--output", "none").exitCode()).isEqualTo(2);
        assertThat(run("generate", "--parcels", "10", "--duration", "1h").exitCode()).isEqualTo(2);
        Result r = run("generate", "--stale-share", "1.5", "--output", "none");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("stale share");
        assertThat(run("generate", "--output", "carrier-pigeon").exitCode()).isEqualTo(2);
    }

    @Test
    void unreachableBrokerFailsQuicklyWithTheAddressAndWhatToDo() {
        // the timeout is 12 s by default; tests shorten it (see pom.xml: parcelwatch.kafka.connectTimeoutSeconds)
        long start = System.nanoTime();
        Result r = run("generate", "--scenario", "small", "--bootstrap-servers", "127.0.0.1:1", "--out-dir", dir.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("Cannot reach Kafka at 127.0.0.1:1", "./parcelwatch start", "--bootstrap-servers");
        assertThat(seconds).isLessThan(15);
    }

    @Test
    void describeNetworkPrintsTheStageLimits() {
        Result r = run("describe-network", "--scenario", "small");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("HUB-", "Regions", "CN-SC", "IN_TRANSIT", "Alert limit", "MEDICINE");
    }
}
