package io.parcelwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page: figures where a reader looks for them, data escaped, notes instead of empty charts, one file. */
class ReportHtmlTest {
    static final Instant GENERATED = Instant.parse("2026-10-02T08:15:00Z");

    @Test
    void showsTheHeadlineFiguresAndTheWorstHubFirst() {
        ReportPeriod period = ReportPeriod.parse("2026-07-01", "2026-07-03");
        List<KpiDocument> network = ReportAggregationTest.twoNetworkDays();
        List<KpiDocument> hubs = List.of(
                KpiDocs.day("hub", "H-GOOD", "R-EAST", "2026-07-01").delivered(200, 196, 200).doc(),
                KpiDocs.day("hub", "H-BAD", "R-WEST", "2026-07-01").delivered(200, 150, 199).doc());
        ServiceQualityReport report = ReportAggregation.aggregate(ReportScope.network(), period, Granularity.DAY, GENERATED,
                network, hubs, List.of(), 20);

        String html = page(HtmlReport.render(report));

        assertThat(html).contains("<h1>The whole network</h1>").contains("1 Jul 2026 – 2 Jul 2026 (2 days)")
                .contains("Generated 2 Oct 2026 08:15 UTC");
        assertThat(tile(html, "On-time rate")).isEqualTo("82.5%");    // 330 / 400
        assertThat(tile(html, "Intact rate")).isEqualTo("99.00%");    // 396 / 400
        assertThat(tile(html, "Loss rate")).isEqualTo("0.246%");      // 1 / 407
        assertThat(tile(html, "First-attempt success")).isEqualTo("87.5%");
        assertThat(tile(html, "Tracking freshness")).isEqualTo("94.5%");
        assertThat(tile(html, "Complaints")).isEqualTo("7");
        assertThat(tile(html, "Complaint rate")).isEqualTo("175.0");
        assertThat(tile(html, "Mean response time")).isEqualTo("11.7 h"); // 7000 min / 10
        assertThat(tile(html, "Answered within 24 h")).isEqualTo("90.0%");
        assertThat(html).contains("target: within 24 h on average (met)");
        String worst = html.substring(html.indexOf("id=\"table-worst-hubs\""));
        assertThat(worst.indexOf("H-BAD")).isPositive().isLessThan(worst.indexOf("H-GOOD"));
        // Lanes: none in the data, so a note and no chart.
        assertThat(html).contains("No lanes data for all lanes in this period.").doesNotContain("id=\"chart-worst-lanes\"");
    }

    @Test
    void isOneFileWithTheChartLibraryInlined() {
        String whole = HtmlReport.render(ReportAggregation.aggregate(ReportScope.network(), ReportPeriod.parse("2026-07-01", "2026-07-03"),
                Granularity.DAY, GENERATED, ReportAggregationTest.twoNetworkDays(), List.of(), List.of(), 20));
        String html = page(whole);

        // The library is in the page itself (its build with the SVG renderer), and nothing is loaded from elsewhere.
        assertThat(whole.contains("registerPainter(\"svg\"")).as("ECharts inlined").isTrue();
        assertThat(whole.length()).isGreaterThan(500_000);
        assertThat(html).contains("Apache ECharts " + HtmlReport.echartsVersion()).contains("echarts.init(")
                .doesNotContain("<script src").doesNotContain("<link").doesNotContain("http://").doesNotContain("https://");
        JsonNode data = chartData(html);
        assertThat(data.at("/timeline/delivered").size()).isEqualTo(2);
        assertThat(data.at("/timeline/onTime/0").asDouble()).isEqualTo(0.9);
        assertThat(data.at("/timeline/onTime/1").asDouble()).isEqualTo(0.8);
        assertThat(data.at("/complaints/reasons/0/name").asText()).isEqualTo("DELAY");
    }

    @Test
    void escapesWhatComesFromTheData() throws Exception {
        String evil = "</script><img src=x onerror=alert(1)>";
        List<KpiDocument> hubs = List.of(KpiDocs.day("hub", evil, "R-\"EAST\"", "2026-07-01").delivered(50, 40, 50).doc());
        List<KpiDocument> network = List.of(KpiDocs.day("network", "NETWORK", null, "2026-07-01").delivered(50, 40, 50)
                .lateStage("<b>HUB</b> & co", 10).doc());

        String html = page(HtmlReport.render(ReportAggregation.aggregate(ReportScope.network(), ReportPeriod.parse("2026-07-01", "2026-07-02"),
                Granularity.DAY, GENERATED, network, hubs, List.of(), 20)));

        assertThat(html).doesNotContain("<img src=x").doesNotContain("<b>HUB</b>");
        assertThat(html).contains("<td class=\"id\">&lt;/script&gt;&lt;img src").contains("&lt;b&gt;HUB&lt;/b&gt; &amp; co");
        // In the chart data the same strings are JSON with <, > and & escaped, and read back unchanged.
        assertThat(chartData(html).at("/worstHubs/ids/0").asText()).isEqualTo(evil);
        assertThat(chartData(html).at("/lateByStage/names/0").asText()).isEqualTo("<b>HUB</b> & co");
    }

    @Test
    void aHubReportSaysWhyItHasNoComplaintsOrRankings() {
        List<KpiDocument> hub = List.of(KpiDocs.day("hub", "H-7", "R-EAST", "2026-07-01").delivered(50, 40, 50).doc());

        String html = page(HtmlReport.render(ReportAggregation.aggregate(new ReportScope(ReportScope.Kind.HUB, "H-7"),
                ReportPeriod.parse("2026-07-01", "2026-07-02"), Granularity.DAY, GENERATED, hub, List.of(), List.of(), 20)));

        assertThat(html).contains("<h1>Hub H-7</h1>")
                .contains("complaint figures exist for the network and its regions, not for a hub. See the report of region R-EAST"
                        + " (--scope region --scope-id R-EAST).")
                .contains("This report is about one hub: there are no hubs to rank")
                .contains("Lanes run between regions, not hubs")
                .contains("No late deliveries in this period.")
                .doesNotContain("id=\"chart-complaints\"").doesNotContain("id=\"chart-worst-hubs\"");
        assertThat(chartData(html).has("complaints")).isFalse();
    }

    /** The page without the inlined chart library (which would fill any failure message); the test below checks it is there. */
    static String page(String html) {
        int library = html.indexOf("<script>");
        int end = html.indexOf("</script>", library);
        return library < 0 ? html : html.substring(0, library) + "<script>[library]" + html.substring(end);
    }

    static String tile(String html, String label) {
        Matcher m = Pattern.compile("<div class=\"label\">" + Pattern.quote(label) + "</div>\\s*<div class=\"value\">([^<]*)</div>")
                .matcher(html);
        assertThat(m.find()).as("a tile " + label).isTrue();
        return m.group(1);
    }

    static JsonNode chartData(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("the chart data").isTrue();
        assertThat(m.group(1)).doesNotContain("<").doesNotContain(">");
        try {
            return KpiDocs.JSON.readTree(m.group(1));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
