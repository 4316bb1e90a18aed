package io.parcelwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.parcelwatch.ParcelWatchCli;
import io.parcelwatch.testing.ElasticsearchService;
import io.parcelwatch.testing.RealServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * A quarter of realistic daily KPI documents (4 regions, 12 hubs, 12 lanes; {@link SampleNetwork}) through the command:
 * the headline figures equal the sums of the generated documents, every section has its chart, and the reports stay in
 * target/report-sample/ to be looked at (the screenshot in the README is of the network one).
 */
@ExtendWith(RealServices.class)
class ReportSampleIT {
    static final Path OUT = Path.of("target", "report-sample");

    @Test
    void aQuarterOfTheSampleNetwork(ElasticsearchService elasticsearch) throws Exception {
        SampleNetwork sample = new SampleNetwork(LocalDate.parse("2026-07-01"), 92);
        try (ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(elasticsearch.uri().toString()))) {
            KpiIndex.reset(client);
            KpiIndex.index(client, sample.documents);
        }

        Path network = OUT.resolve("service-quality-network-2026-07-01-2026-10-01.html").toAbsolutePath();
        String out = run(elasticsearch, "--quarter", "2026Q3", "--out", network.toString());
        String page = ReportHtmlTest.page(Files.readString(network));

        long delivered = sum(sample, "delivered");
        long onTime = sum(sample, "deliveredOnTime");
        assertThat(ReportHtmlTest.tile(page, "Delivered")).isEqualTo(String.format(Locale.ROOT, "%,d", delivered));
        assertThat(ReportHtmlTest.tile(page, "On-time rate")).isEqualTo(String.format(Locale.ROOT, "%.1f%%", 100.0 * onTime / delivered));
        assertThat(ReportHtmlTest.tile(page, "Complaints")).isEqualTo(String.format(Locale.ROOT, "%,d", sum(sample, "complaintsOpened")));
        assertThat(out).contains("worst hub").contains("H-W2");
        // The weeks of the quarter: 1 Jul is a Wednesday, so 14 ISO weeks, the first and last partial.
        assertThat(ReportHtmlTest.chartData(page).at("/timeline/axis").size()).isEqualTo(14);
        assertThat(page).contains("<td>1 Jul – 5 Jul</td>").contains("<td>28 Sep – 30 Sep</td>");
        for (String chart : new String[] {"timeline", "complaints", "worst-hubs", "worst-lanes", "late-by-stage", "exceptions", "methods"}) {
            assertThat(page).contains("id=\"chart-" + chart + "\"");
        }
        assertThat(page).doesNotContain("class=\"empty\"");
        assertThat(section(page, "table-worst-hubs")).startsWith("id=\"table-worst-hubs\"").containsSubsequence("H-W2", "H-W1");

        Path south = OUT.resolve("service-quality-region-R-SOUTH-2026-07-01-2026-10-01.html").toAbsolutePath();
        run(elasticsearch, "--quarter", "2026Q3", "--scope", "region", "--scope-id", "R-SOUTH", "--out", south.toString());
        String region = ReportHtmlTest.page(Files.readString(south));
        assertThat(section(region, "table-worst-hubs")).contains("H-S1").contains("H-S2").contains("H-S3").doesNotContain("H-W2");
    }

    private static long sum(SampleNetwork sample, String field) {
        return sample.network.stream().mapToLong(d -> d.get(field)).sum();
    }

    private static String run(ElasticsearchService es, String... args) {
        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(new ParcelWatchCli());
        cli.setOut(new PrintWriter(text, true));
        cli.setErr(new PrintWriter(text, true));
        String[] all = new String[args.length + 3];
        all[0] = "report";
        all[1] = "--es";
        all[2] = es.uri().toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int code = cli.execute(all);
        System.out.println(text);
        assertThat(code).as(text.toString()).isZero();
        return text.toString();
    }

    private static String section(String page, String tableId) {
        int start = page.indexOf("id=\"" + tableId + "\"");
        assertThat(start).as(tableId).isPositive();
        return page.substring(start, page.indexOf("</table>", start));
    }
}
