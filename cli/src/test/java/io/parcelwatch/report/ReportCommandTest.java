package io.parcelwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.ParcelWatchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the command says when it cannot start: options, and an Elasticsearch that is not there. */
class ReportCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run report(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ParcelWatchCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void anElasticsearchThatDoesNotAnswerIsOneClearLineAndExitCode2() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "http://127.0.0.1:" + port;

        Run run = report("--quarter", "2026Q3", "--es", url, "--home", dir.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("Elasticsearch is not reachable at " + url + " (")
                .contains("./parcelwatch start").contains("--es URL").doesNotContain("\n").doesNotContain("Exception\tat");
        assertThat(Files.exists(dir.resolve("reports"))).isFalse();
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThat(report("--quarter", "2026Q3", "--from", "2026-07-01")).satisfies(run -> {
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("Give either --quarter or --from and --to, not both");
        });
        assertThat(report("--from", "2026-07-01")).satisfies(run -> {
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("Give the period: --from DATE --to DATE");
        });
        assertThat(report("--quarter", "2026Q3", "--scope", "hub").err()).contains("--scope hub needs --scope-id");
        assertThat(report("--quarter", "2026Q3", "--granularity", "minute").err()).contains("--granularity must be auto, hour or day");
        assertThat(report("--from", "2026-07-02", "--to", "2026-07-01").err()).contains("The period is empty");
    }

    @Test
    void theDefaultFileName() {
        assertThat(ReportCommand.defaultFileName(ReportScope.network(), ReportPeriod.quarter("2026Q3")))
                .isEqualTo("service-quality-network-2026-07-01-2026-10-01.html");
        assertThat(ReportCommand.defaultFileName(new ReportScope(ReportScope.Kind.REGION, "R-EAST"), ReportPeriod.parse("2026-07-01", "2026-07-02")))
                .isEqualTo("service-quality-region-R-EAST-2026-07-01-2026-07-02.html");
    }

    @Test
    void aBrowserIsAnExecutableOnThePath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        assertThat(PdfPrinter.findBrowser(bin.toString())).isEmpty();
        Path notExecutable = Files.writeString(bin.resolve("chromium"), "#!/bin/sh\n");
        assertThat(PdfPrinter.findBrowser(bin.toString())).isEmpty();
        assertThat(notExecutable.toFile().setExecutable(true)).isTrue();
        assertThat(PdfPrinter.findBrowser("/nonexistent" + java.io.File.pathSeparator + bin)).contains(notExecutable);
    }
}
