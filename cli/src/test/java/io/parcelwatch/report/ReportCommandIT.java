package io.parcelwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.parcelwatch.ParcelWatchCli;
import io.parcelwatch.testing.ElasticsearchService;
import io.parcelwatch.testing.RealServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code parcelwatch report} against a real Elasticsearch with the real kpi-* template and a small set of KPI documents
 * whose figures are worked out by hand below.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandIT {
    @TempDir
    Path dir;
    String es;

    /*
     * The network, 1–7 Jul 2027 (daily documents), three days with documents:
     *   delivered 900 + 1100 + 1000 = 3000, on time 810 + 1045 + 900 = 2755 → 91.8 %
     *   intact 895 + 1098 + 990 = 2983 → 99.43 %; lost 2 + 1 + 0 = 3, returned 8 + 9 + 5 = 22 → loss 3 / 3025 = 0.099 %
     *   first attempt 800 + 1000 + 950 = 2750 → 91.7 %; scan gaps 4900 + 5950 + 3900 of 15000 → 98.3 %
     *   picked up 1000 + 1200 + 800 = 3000, complaints 5 + 1 + 1 = 7 → 23.3 per 10,000
     *   responses (minutes) 300 600 900 1200 2000 | 100 200 | 3000: mean 8300 / 8 = 1037.5 min = 17.3 h, within 24 h 6 of 8
     *   = 75.0 %, p90 = the value of rank 0.9 × 7 = 6.3, the 7th smallest: 2000 min = 33.3 h (± 1 %).
     * Not counted: a daily document of 8 Jul (after the period) and an hourly one (other granularity).
     * Hubs: H-NORTH-1 240 of 300 on time (80.0 %), H-EAST-1 225 of 250 (90.0 %), H-SOUTH-1 380 of 400 over two days (95.0 %),
     * H-NORTH-2 5 of 19 (too few deliveries to rank).
     */
    static List<KpiDocs> documents() {
        List<KpiDocs> docs = new ArrayList<>();
        docs.add(KpiDocs.day("network", "NETWORK", null, "2027-07-01").count("pickedUp", 1000).delivered(900, 810, 895)
                .count("lost", 2).count("returned", 8).count("firstAttemptDelivered", 800)
                .count("scanGaps", 5000).count("scanGapsWithinLimit", 4900)
                .count("doorDeliveries", 400).count("lockerDeliveries", 350).count("stationDeliveries", 150).count("lockerWithoutConsent", 20)
                .reason("DELAY", 3).reason("DAMAGE", 2).responses(300, 600, 900, 1200, 2000)
                .lateStage("HUB_DWELL", 60).lateStage("LAST_MILE", 30).exception("DAMAGED", 5).exception("LOST", 2));
        docs.add(KpiDocs.day("network", "NETWORK", null, "2027-07-02").count("pickedUp", 1200).delivered(1100, 1045, 1098)
                .count("lost", 1).count("returned", 9).count("firstAttemptDelivered", 1000)
                .count("scanGaps", 6000).count("scanGapsWithinLimit", 5950)
                .count("doorDeliveries", 500).count("lockerDeliveries", 400).count("stationDeliveries", 200).count("lockerWithoutConsent", 10)
                .reason("DELAY", 1).responses(100, 200)
                .lateStage("LINE_HAUL", 55).exception("DAMAGED", 2).exception("LOST", 1));
        docs.add(KpiDocs.day("network", "NETWORK", null, "2027-07-05").count("pickedUp", 800).delivered(1000, 900, 990)
                .count("returned", 5).count("firstAttemptDelivered", 950)
                .count("scanGaps", 4000).count("scanGapsWithinLimit", 3900)
                .count("doorDeliveries", 450).count("lockerDeliveries", 450).count("stationDeliveries", 100).count("lockerWithoutConsent", 40)
                .reason("LOSS", 1).responses(3000)
                .lateStage("HUB_DWELL", 100).exception("DAMAGED", 10));
        docs.add(KpiDocs.day("network", "NETWORK", null, "2027-07-08").count("pickedUp", 99_999).delivered(50_000, 1, 50_000));
        docs.add(KpiDocs.hour("network", "NETWORK", null, "2027-07-03T10:00:00Z").count("pickedUp", 77_777).delivered(40_000, 2, 40_000));

        docs.add(KpiDocs.day("region", "R-NORTH", "R-NORTH", "2027-07-01").count("pickedUp", 600).delivered(319, 245, 319)
                .reason("DELAY", 2).responses(120, 240));
        docs.add(KpiDocs.day("hub", "H-NORTH-1", "R-NORTH", "2027-07-01").delivered(300, 240, 300));
        docs.add(KpiDocs.day("hub", "H-NORTH-2", "R-NORTH", "2027-07-01").delivered(19, 5, 19));
        docs.add(KpiDocs.day("hub", "H-SOUTH-1", "R-SOUTH", "2027-07-01").delivered(200, 185, 200));
        docs.add(KpiDocs.day("hub", "H-SOUTH-1", "R-SOUTH", "2027-07-02").delivered(200, 195, 200));
        docs.add(KpiDocs.day("hub", "H-EAST-1", "R-EAST", "2027-07-02").delivered(250, 225, 250));
        docs.add(KpiDocs.day("lane", "R-NORTH>R-SOUTH", null, "2027-07-01").delivered(100, 70, 100));
        docs.add(KpiDocs.day("lane", "R-SOUTH>R-EAST", null, "2027-07-02").delivered(50, 48, 50));
        return docs;
    }

    @BeforeAll
    void indexTheDocuments(ElasticsearchService elasticsearch) throws Exception {
        es = elasticsearch.uri().toString();
        try (ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(es))) {
            KpiIndex.reset(client);
            KpiIndex.index(client, documents());
        }
    }

    record Run(int code, String out, String err) {}

    Run report(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ParcelWatchCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("report", "--es", es));
        all.addAll(List.of(args));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void writesTheNetworkReportWithTheFiguresWorkedOutByHand() throws Exception {
        Path html = dir.resolve("network.html");
        Run run = report("--from", "2027-07-01", "--to", "2027-07-08", "--out", html.toString());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Service-quality report: " + html)
                .containsPattern("on time +91\\.8%").containsPattern("delivered +3,000")
                .contains("worst hub").contains("H-NORTH-1 (80.0% on time of 300)");
        String page = ReportHtmlTest.page(Files.readString(html));
        assertThat(ReportHtmlTest.tile(page, "Parcels picked up")).isEqualTo("3,000");
        assertThat(ReportHtmlTest.tile(page, "Delivered")).isEqualTo("3,000");
        assertThat(ReportHtmlTest.tile(page, "On-time rate")).isEqualTo("91.8%");
        assertThat(ReportHtmlTest.tile(page, "Intact rate")).isEqualTo("99.43%");
        assertThat(ReportHtmlTest.tile(page, "Loss rate")).isEqualTo("0.099%");
        assertThat(ReportHtmlTest.tile(page, "First-attempt success")).isEqualTo("91.7%");
        assertThat(ReportHtmlTest.tile(page, "Tracking freshness")).isEqualTo("98.3%");
        assertThat(ReportHtmlTest.tile(page, "Complaints")).isEqualTo("7");
        assertThat(ReportHtmlTest.tile(page, "Complaint rate")).isEqualTo("23.3");
        assertThat(ReportHtmlTest.tile(page, "Mean response time")).isEqualTo("17.3 h");
        assertThat(ReportHtmlTest.tile(page, "Answered within 24 h")).isEqualTo("75.0%");
        String p90 = ReportHtmlTest.tile(page, "p90 response time");
        assertThat(Double.parseDouble(p90.replace(" h", ""))).isCloseTo(2000 / 60.0, withinPercentage(1.5));

        // Worst hubs: lowest on-time rate first, the hub with 19 deliveries left out, the minimum said on the page.
        String hubs = section(page, "table-worst-hubs");
        assertThat(hubs.indexOf("H-NORTH-1")).isPositive().isLessThan(hubs.indexOf("H-EAST-1"));
        assertThat(hubs.indexOf("H-EAST-1")).isLessThan(hubs.indexOf("H-SOUTH-1"));
        assertThat(hubs).doesNotContain("H-NORTH-2").contains("<td>80.0%</td>").contains("<td>95.0%</td>");
        assertThat(page).contains("Only hubs with at least 20 deliveries in the period are ranked (3 of 4; 1 with fewer left out).");
        assertThat(section(page, "table-worst-lanes").indexOf("R-NORTH&gt;R-SOUTH")).isPositive();
        // One row per day of the period, days without documents included; the chart has its data.
        assertThat(page).contains("<td>Thu 1 Jul</td><td>900</td><td>90</td><td>90.0%</td>")
                .contains("<td>Sat 3 Jul</td><td>0</td><td>0</td><td>–</td>")
                .contains("<td>Period</td><td>3,000</td><td>245</td><td>91.8%</td>");
        assertThat(ReportHtmlTest.chartData(page).at("/timeline/delivered").size()).isEqualTo(7);
        assertThat(ReportHtmlTest.chartData(page).at("/lateByStage/names/0").asText()).isEqualTo("HUB_DWELL");
    }

    @Test
    void aRegionRanksItsOwnHubsAndLanes() throws Exception {
        Path html = dir.resolve("north.html");
        Run run = report("--from", "2027-07-01", "--to", "2027-07-08", "--scope", "region", "--scope-id", "R-NORTH", "--out", html.toString());

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        String page = ReportHtmlTest.page(Files.readString(html));
        assertThat(page).contains("<h1>Region R-NORTH</h1>");
        assertThat(ReportHtmlTest.tile(page, "On-time rate")).isEqualTo("76.8%"); // 245 / 319
        assertThat(ReportHtmlTest.tile(page, "Mean response time")).isEqualTo("3.0 h"); // (120 + 240) / 2 min
        assertThat(section(page, "table-worst-hubs")).contains("H-NORTH-1").doesNotContain("H-EAST-1").doesNotContain("H-SOUTH-1");
        assertThat(page).contains("The 1 hub with the lowest on-time rate among the hubs of region R-NORTH.")
                .contains("(1 of 2; 1 with fewer left out)");
        assertThat(section(page, "table-worst-lanes")).contains("R-NORTH&gt;R-SOUTH").doesNotContain("R-SOUTH&gt;R-EAST");
    }

    @Test
    void theDefaultFileIsUnderTheHomeAndNamedAfterScopeAndPeriod() throws Exception {
        Run run = report("--from", "2027-07-01", "--to", "2027-07-08", "--scope", "hub", "--scope-id", "H-SOUTH-1",
                "--home", dir.toString());

        Path expected = dir.resolve("reports/service-quality-hub-H-SOUTH-1-2027-07-01-2027-07-08.html");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(expected.toString());
        String page = ReportHtmlTest.page(Files.readString(expected));
        assertThat(ReportHtmlTest.tile(page, "On-time rate")).isEqualTo("95.0%");
        assertThat(page).contains("there are no hubs to rank");
    }

    @Test
    void saysWhatPeriodsExistWhenThePeriodHasNothing() {
        Run run = report("--quarter", "2027Q1");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("No daily KPI documents for the whole network with windows starting from 2027-01-01T00:00:00Z")
                .contains("daily: 4 documents, windows starting 2027-07-01 00:00 to 2027-07-08 00:00 UTC")
                .contains("hourly: 1 documents, windows starting 2027-07-03 10:00 to 2027-07-03 10:00 UTC");
    }

    @Test
    void suggestsTheOtherGranularityWhenOnlyItCoversThePeriod() {
        // One day: hourly documents, but the only hourly one is of 3 Jul; the daily one of 1 Jul is there.
        Run run = report("--from", "2027-07-01", "--to", "2027-07-02");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("No hourly KPI documents").contains("overlaps the period: try --granularity day");
    }

    @Test
    void anUnknownHubIsNamed() {
        Run run = report("--quarter", "2027Q3", "--scope", "hub", "--scope-id", "H-NOWHERE");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("kpi-* holds no documents for hub H-NOWHERE at all: check the id (--scope-id)");
    }

    @Test
    void withoutABrowserThePdfIsExplainedAndTheHtmlStillWritten() throws Exception {
        Path html = dir.resolve("no-browser.html");
        ReportCommand command = new ReportCommand();
        command.browserSearchPath = Files.createDirectories(dir.resolve("empty-bin")).toString();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));

        int code = cli.execute("--from", "2027-07-01", "--to", "2027-07-08", "--es", es, "--out", html.toString(), "--pdf");

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("No PDF: none of chromium, chromium-browser, google-chrome, google-chrome-stable is on the PATH")
                .contains("apt-get install chromium");
        assertThat(html).exists();
        assertThat(dir.resolve("no-browser.pdf")).doesNotExist();
    }

    /** With the browser of this machine's PATH: a real PDF if there is one, else the explanation (both are what a user gets). */
    @Test
    void printsAPdfWithTheBrowserOnThePath() throws Exception {
        Path html = dir.resolve("printed.html");
        Run run = report("--from", "2027-07-01", "--to", "2027-07-08", "--out", html.toString(), "--pdf");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        Path pdf = dir.resolve("printed.pdf");
        if (PdfPrinter.findBrowser(System.getenv("PATH")).isPresent()) {
            assertThat(run.out()).contains("PDF: " + pdf);
            byte[] bytes = Files.readAllBytes(pdf);
            assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            assertThat(bytes.length).isGreaterThan(20_000);
        } else {
            assertThat(run.out()).contains("No PDF: none of chromium");
            assertThat(pdf).doesNotExist();
        }
    }

    private static String section(String page, String tableId) {
        int start = page.indexOf("id=\"" + tableId + "\"");
        assertThat(start).as(tableId).isPositive();
        return page.substring(start, page.indexOf("</table>", start));
    }
}
