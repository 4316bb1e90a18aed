package io.parcelwatch.report;

import static io.parcelwatch.report.KpiCount.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parcelwatch report}: the periodic service-quality report of a scope (network, region or hub) from the KPI
 * documents in Elasticsearch, as one self-contained HTML file, optionally also as PDF.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Write the service-quality report of a period from the KPI indices (kpi-*): headline figures (volumes, on-time,"
                        + " intact, loss and first-attempt rates, tracking freshness, complaints and response times against the"
                        + " 24-hour target), and charts with their numbers: rates over time, complaints by reason, the worst hubs"
                        + " and lanes, delay causes and delivery methods.",
                "One HTML file that opens offline (the chart library is inlined); with --pdf also a PDF, printed by a"
                        + " headless Chromium or Chrome if one is on the PATH.",
                "Exit codes: 0 written, 1 no KPI documents for the scope and period, 2 Elasticsearch not reachable or bad options."})
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "DATE", description = "First day (ISO date, UTC) or instant of the period.")
    String from;
    @Option(names = "--to", paramLabel = "DATE", description = "End of the period, exclusive: --from 2026-07-01 --to 2026-10-01 is July to September.")
    String to;
    @Option(names = "--quarter", paramLabel = "YYYYQn", description = "A calendar quarter instead of --from/--to, e.g. 2026Q3.")
    String quarter;
    @Option(names = "--scope", paramLabel = "network|region|hub", defaultValue = "network", description = "network, region or hub (default ${DEFAULT-VALUE}).")
    String scope;
    @Option(names = "--scope-id", paramLabel = "ID", description = "The region's or hub's id, for --scope region or hub.")
    String scopeId;
    @Option(names = "--granularity", paramLabel = "auto|day|hour", defaultValue = "auto", description = "KPI documents to read: hour, day or auto (hourly for"
            + " periods up to 3 days, daily otherwise; default ${DEFAULT-VALUE}).")
    String granularity;
    @Option(names = "--min-delivered", paramLabel = "N", defaultValue = "20", description = "Hubs and lanes with fewer deliveries in the period are"
            + " not ranked among the worst (default ${DEFAULT-VALUE}).")
    long minDelivered;
    @Option(names = {"--es", "--elasticsearch"}, paramLabel = "URL", defaultValue = "${env:PW_ELASTICSEARCH:-http://127.0.0.1:9200}",
            description = "Elasticsearch (default ${DEFAULT-VALUE}).")
    String elasticsearch;
    @Option(names = "--out", paramLabel = "FILE", description = "The HTML file to write (default"
            + " $PW_HOME/reports/service-quality-<scope>[-<id>]-<from>-<to>.html).")
    Path outFile;
    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:PW_HOME:-.pw}", description = "Data directory, where reports go by default"
            + " (default ${DEFAULT-VALUE}).")
    Path home;
    @Option(names = "--pdf", description = "Also print a PDF next to the HTML (needs chromium, chromium-browser or google-chrome on the PATH).")
    boolean pdf;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where --pdf looks for a browser; tests point it elsewhere. */
    String browserSearchPath = System.getenv("PATH");
    /** The "generated at" time; tests fix it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportPeriod period;
        ReportScope reportScope;
        Granularity documents;
        try {
            period = period();
            reportScope = ReportScope.parse(scope, scopeId);
            documents = granularity(period);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (minDelivered < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--min-delivered must be at least 1");
        }

        ServiceQualityReport report;
        try (KpiReader reader = KpiReader.connect(elasticsearch)) {
            report = build(reader, reportScope, period, documents, minDelivered, Instant.now(clock));
            if (report == null) {
                err.println(nothingFound(reader, reportScope, period, documents));
                return 1;
            }
        } catch (KpiReader.Unreachable e) {
            err.println("Elasticsearch is not reachable at " + e.url() + " (" + e.getMessage() + "): start the local stack with"
                    + " ./parcelwatch start, or pass --es URL.");
            return 2;
        }

        Path html = (outFile != null ? outFile : home.resolve("reports").resolve(defaultFileName(reportScope, period))).toAbsolutePath().normalize();
        Files.createDirectories(html.getParent());
        Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
        out.println("Service-quality report: " + html);
        if (pdf) {
            printPdf(html, out);
        }
        out.println();
        out.print(summary(report));
        out.flush();
        return 0;
    }

    /** The report of a scope and period from the KPI documents, or null if the scope has none in the period. */
    public static ServiceQualityReport build(KpiReader reader, ReportScope scope, ReportPeriod period, Granularity documents,
                                             long minDelivered, Instant now) throws java.io.IOException {
        List<KpiDocument> own = reader.read(new KpiReader.Selection(documents, scope.kind().field(), scope.id(), null,
                period.from(), period.to()));
        if (own.isEmpty()) {
            return null;
        }
        List<KpiDocument> hubs = List.of();
        List<KpiDocument> lanes = List.of();
        if (scope.kind() != ReportScope.Kind.HUB) {
            String region = scope.kind() == ReportScope.Kind.REGION ? scope.id() : null;
            hubs = reader.read(new KpiReader.Selection(documents, "hub", null, region, period.from(), period.to()));
            lanes = reader.read(new KpiReader.Selection(documents, "lane", null, null, period.from(), period.to()));
        }
        return ReportAggregation.aggregate(scope, period, documents, now, own, hubs, lanes, minDelivered);
    }

    private ReportPeriod period() {
        if (quarter != null) {
            if (from != null || to != null) {
                throw new IllegalArgumentException("Give either --quarter or --from and --to, not both");
            }
            return ReportPeriod.quarter(quarter);
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("Give the period: --from DATE --to DATE (the end exclusive), or --quarter 2026Q3");
        }
        return ReportPeriod.parse(from, to);
    }

    private Granularity granularity(ReportPeriod period) {
        return switch (granularity.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> period.autoGranularity();
            case "hour" -> Granularity.HOUR;
            case "day" -> Granularity.DAY;
            default -> throw new IllegalArgumentException("--granularity must be auto, hour or day, not '" + granularity + "'");
        };
    }

    static String defaultFileName(ReportScope scope, ReportPeriod period) {
        return "service-quality-" + scope.fileLabel() + "-" + period.fileLabel() + ".html";
    }

    private void printPdf(Path html, PrintWriter out) throws InterruptedException {
        Path pdfFile = html.resolveSibling(html.getFileName().toString().replaceFirst("\\.html?$", "") + ".pdf");
        Optional<Path> browser = PdfPrinter.findBrowser(browserSearchPath);
        if (browser.isEmpty()) {
            out.println("No PDF: none of " + String.join(", ", PdfPrinter.BROWSERS) + " is on the PATH. Install one"
                    + " (Debian/Ubuntu: apt-get install chromium) and run again with --pdf, or print the HTML from a browser.");
            return;
        }
        try {
            PdfPrinter.print(browser.get(), html, pdfFile);
            out.println("PDF: " + pdfFile);
        } catch (IOException e) {
            // The HTML is written and is the report; a browser that fails to print should not make it look lost.
            out.println("No PDF: " + e.getMessage());
        }
    }

    /** Nothing for the scope in the period: say so, and which windows the scope does have. */
    static String nothingFound(KpiReader reader, ReportScope scope, ReportPeriod period, Granularity documents) throws IOException {
        StringBuilder text = new StringBuilder("No " + (documents == Granularity.HOUR ? "hourly" : "daily") + " KPI documents for "
                + scope.label() + " with windows starting from " + period.from() + " to " + period.to() + " in kpi-*.");
        List<KpiReader.Coverage> coverage = reader.coverage(scope.kind().field(), scope.id());
        if (coverage.isEmpty()) {
            text.append(" kpi-* holds no documents for ").append(scope.label()).append(" at all: check the id")
                    .append(scope.kind() == ReportScope.Kind.NETWORK ? "" : " (--scope-id)")
                    .append(", and that the KPI job has run against this Elasticsearch.");
            return text.toString();
        }
        text.append(" What there is for ").append(scope.label()).append(':');
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
        for (KpiReader.Coverage c : coverage) {
            text.append(System.lineSeparator()).append("  ").append(c.granularity() == Granularity.HOUR ? "hourly" : "daily")
                    .append(": ").append(Figures.count(c.documents())).append(" documents, windows starting ")
                    .append(f.format(c.first())).append(" to ").append(f.format(c.last())).append(" UTC");
            if (c.granularity() != documents && !c.last().isBefore(period.from()) && c.first().isBefore(period.to())) {
                text.append(" (overlaps the period: try --granularity ").append(c.granularity().field()).append(')');
            }
        }
        return text.toString();
    }

    /** The headline figures as text, for the terminal. */
    public static String summary(ServiceQualityReport r) {
        KpiTotals t = r.totals();
        StringBuilder s = new StringBuilder();
        String nl = System.lineSeparator();
        s.append("Service quality of ").append(r.scope().label()).append(", ").append(r.period().label()).append(nl);
        row(s, "picked up", Figures.count(t.count(PICKED_UP)));
        row(s, "delivered", Figures.count(t.count(DELIVERED)));
        row(s, "on time", Figures.percent(t.onTimeRate(), 1));
        row(s, "intact", Figures.percent(t.intactRate(), 2));
        row(s, "loss rate", Figures.percent(t.lossRate(), 3));
        row(s, "first attempt", Figures.percent(t.firstAttemptRate(), 1));
        row(s, "tracking freshness", Figures.percent(t.freshness(), 1));
        if (r.scope().kind() != ReportScope.Kind.HUB) {
            row(s, "complaints", Figures.count(t.count(COMPLAINTS_OPENED)) + " (" + Figures.number(t.complaintRatePer10k(), 1)
                    + " per 10,000 picked up)");
            Double mean = t.responseMeanHours();
            row(s, "response time", "mean " + Figures.hours(mean) + ", p90 " + Figures.hours(t.responseP90Hours())
                    + (mean == null ? "" : mean <= ReportView.RESPONSE_TARGET_HOURS ? " (24 h target met)" : " (24 h target missed)"));
            row(s, "answered within 24 h", Figures.percent(t.respondedWithin24hShare(), 1));
        }
        if (r.worstHubs() != null && !r.worstHubs().worst().isEmpty()) {
            ServiceQualityReport.Ranked worst = r.worstHubs().worst().getFirst();
            row(s, "worst hub", worst.id() + " (" + Figures.percent(worst.totals().onTimeRate(), 1) + " on time of "
                    + Figures.count(worst.totals().count(DELIVERED)) + ")");
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String label, String value) {
        s.append(String.format(Locale.ROOT, "  %-22s %s%n", label, value));
    }
}
