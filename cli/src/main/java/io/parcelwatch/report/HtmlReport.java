package io.parcelwatch.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Writes a report as one self-contained HTML file: the template (resources io/parcelwatch/report), its style, the
 * chart data as script-safe JSON, the chart code, and Apache ECharts itself, inlined from its WebJar so the file
 * opens offline and can be mailed or archived as it is.
 */
public final class HtmlReport {
    private static final String RESOURCES = "io/parcelwatch/report/";
    private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    /** The build without the maps and the rarer chart types: lines, bars and the common components are all we draw. */
    private static final String ECHARTS_JS = "META-INF/resources/webjars/echarts/%s/dist/echarts.common.min.js";
    private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    private HtmlReport() {}

    public static String render(ServiceQualityReport report) {
        ReportView.Page page = ReportView.page(report);
        Mustache template = new DefaultMustacheFactory(RESOURCES).compile("service-quality.html.mustache");
        Map<String, Object> assets = Map.of(
                "css", resource(RESOURCES + "report.css"),
                "echartsVersion", echartsVersion(),
                "echarts", inlineScript(resource(ECHARTS_JS.formatted(echartsVersion()))),
                "chartData", ScriptSafeJson.write(ReportView.charts(report, page)),
                "chartsJs", inlineScript(resource(RESOURCES + "report-charts.js")));
        StringWriter html = new StringWriter();
        template.execute(html, new Object[] {assets, page});
        return html.toString();
    }

    /** The ECharts version on the classpath (the WebJar's own pom.properties), which names its resource folder. */
    static String echartsVersion() {
        Properties pom = new Properties();
        try (InputStream in = stream(ECHARTS_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    /**
     * Script text that cannot end its {@code <script>} element early. In JavaScript source "&lt;/script" can only
     * occur inside a string or regular expression literal, where {@code <\/script} means the same.
     */
    static String inlineScript(String js) {
        return SCRIPT_END.matcher(js).replaceAll("<\\\\/$1");
    }

    private static String resource(String name) {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Not on the classpath: " + name + " (the cli module's resources or the ECharts WebJar)");
        }
        return in;
    }
}
