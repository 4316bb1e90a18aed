package io.parcelwatch.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** start, status and stop as separate invocations, the way a user runs them. */
class LocalStackCliTest {
    @TempDir
    Path home;

    private String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new LocalStackCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute(args);
        return code + "\n" + out;
    }

    @AfterEach
    void stopWhatever() {
        run("stop", "--home", home.toString());
    }

    @Test
    void stopLeavesAProcessWithARecycledPidAlone() throws Exception {
        Process foreign = new ProcessBuilder("sleep", "60").start();
        try {
            long startedAt = ChildProcesses.startedAt(foreign.pid());
            assertThat(ChildProcesses.stopIfSame(foreign.pid(), startedAt - 1000, home, java.time.Duration.ofSeconds(1))).isFalse();
            assertThat(foreign.isAlive()).isTrue();
            assertThat(ChildProcesses.stopIfSame(foreign.pid(), startedAt, home, java.time.Duration.ofSeconds(5))).isTrue();
            assertThat(foreign.isAlive()).isFalse();
        } finally {
            foreign.destroyForcibly();
        }
    }

    @Test
    void aChildNamingItsStackDirectoryIsOursEvenIfItsStartTimeReadsDifferently() throws Exception {
        // As after a step of the wall clock: the recorded start time no longer matches what the OS now says.
        Process ours = new ProcessBuilder("sh", "-c", "sleep 60", home.resolve("kafka").toString()).start();
        try {
            long readNow = ChildProcesses.startedAt(ours.pid());
            assertThat(ChildProcesses.isRunning(ours.pid(), readNow - 5000, home.resolveSibling("elsewhere"))).isFalse();
            assertThat(ChildProcesses.isRunning(ours.pid(), readNow - 5000, home)).isTrue();
            assertThat(ChildProcesses.stopIfSame(ours.pid(), readNow - 5000, home, java.time.Duration.ofSeconds(5))).isTrue();
            assertThat(ours.isAlive()).isFalse();
        } finally {
            ours.destroyForcibly();
        }
    }

    @Test
    void startStatusStopAcrossInvocations() {
        int kafkaPort = ChildProcesses.freePort();
        int esPort = ChildProcesses.freePort();

        String started = run("start", "--home", home.toString(), "--kafka-port", "" + kafkaPort, "--es-port", "" + esPort,
                "--es-heap-mb", "512", "--kafka-heap-mb", "256");
        assertThat(started).startsWith("0\n")
                .contains("Kafka 4.2.0 ready at 127.0.0.1:" + kafkaPort)
                .contains("Elasticsearch 9.5.3 ready at http://127.0.0.1:" + esPort)
                .contains("Local stack ready");
        StackState state = StackState.read(home.resolve("local-stack")).orElseThrow();
        assertThat(ChildProcesses.isAlive(state.kafkaPid())).isTrue();
        assertThat(ChildProcesses.isAlive(state.elasticsearchPid())).isTrue();

        assertThat(run("start", "--home", home.toString())).startsWith("0\n").contains("already running");
        assertThat(run("status", "--home", home.toString())).startsWith("0\n").contains("running (pid " + state.kafkaPid() + ")");

        String stopped = run("stop", "--home", home.toString());
        assertThat(stopped).contains("Stopped Elasticsearch").contains("Stopped Kafka");
        assertThat(ChildProcesses.isAlive(state.kafkaPid())).isFalse();
        assertThat(ChildProcesses.isAlive(state.elasticsearchPid())).isFalse();
        assertThat(run("status", "--home", home.toString())).startsWith("3\n").contains("not running");
    }
}
