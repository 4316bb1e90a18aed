package io.parcelwatch.demo;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import io.parcelwatch.report.Granularity;
import io.parcelwatch.report.KpiReader;
import io.parcelwatch.report.ReportCommand;
import io.parcelwatch.report.ReportPeriod;
import io.parcelwatch.report.ReportScope;
import io.parcelwatch.report.ServiceQualityReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the run shows from Elasticsearch: counts, stages, alerts by kind with an example each, lookups. */
final class DemoReport {
    /** As the report command's default: hubs with fewer deliveries are not ranked. */
    private static final long MIN_DELIVERED_TO_RANK = 20;
    private final ElasticsearchClient client;
    private final PrintWriter out;

    DemoReport(ElasticsearchClient client, PrintWriter out) {
        this.client = client;
        this.out = out;
    }

    void parcelsByStage() throws IOException {
        client.indices().refresh(r -> r.index("parcels", "alerts"));
        SearchResponse<Void> stages = client.search(s -> s.index("parcels").size(0).trackTotalHits(t -> t.enabled(true))
                .aggregations("stage", a -> a.terms(t -> t.field("stage").size(20))), Void.class);
        out.printf("Parcels in Elasticsearch: %d%n", stages.hits().total().value());
        for (StringTermsBucket b : stages.aggregations().get("stage").sterms().buckets().array()) {
            out.printf("  %-18s %7d%n", b.key().stringValue(), b.docCount());
        }
    }

    void alertsByKind() throws IOException {
        SearchResponse<Void> kinds = client.search(s -> s.index("alerts").size(0).trackTotalHits(t -> t.enabled(true))
                .aggregations("kind", a -> a.terms(t -> t.field("kind").size(20))
                        .aggregations("status", sub -> sub.terms(t -> t.field("status")))), Void.class);
        out.printf("%nAlerts in Elasticsearch: %d%n", kinds.hits().total().value());
        for (StringTermsBucket b : kinds.aggregations().get("kind").sterms().buckets().array()) {
            String kind = b.key().stringValue();
            StringBuilder statuses = new StringBuilder();
            for (StringTermsBucket st : b.aggregations().get("status").sterms().buckets().array()) {
                statuses.append(st.key().stringValue().toLowerCase()).append(' ').append(st.docCount()).append("  ");
            }
            SearchResponse<JsonNode> example = client.search(s -> s.index("alerts").size(1)
                    .query(q -> q.term(t -> t.field("kind").value(kind))), JsonNode.class);
            JsonNode doc = example.hits().hits().getFirst().source();
            out.printf("  %-24s %5d  (%s)%n      e.g. %s %s: %s%n", kind, b.docCount(), statuses.toString().strip(),
                    doc.path("alertId").asText(), doc.path("facilityId").asText(""), doc.path("summary").asText());
        }
    }

    /**
     * The service-quality KPIs of the whole run: the report command's headline figures for the days the
     * network's daily KPI documents cover.
     *
     * @return those days, as {@code --from} and {@code --to} of the report command; null if there are none
     */
    String[] serviceQuality(String elasticsearch) throws Exception {
        client.indices().refresh(r -> r.index(KpiReader.INDEX_PATTERN).allowNoIndices(true).ignoreUnavailable(true));
        try (KpiReader reader = KpiReader.connect(elasticsearch)) {
            KpiReader.Coverage days = reader.coverage("network", ReportScope.NETWORK_ID).stream()
                    .filter(c -> c.granularity() == Granularity.DAY).findFirst().orElse(null);
            if (days == null) {
                out.printf("%nService-quality KPIs: none in kpi-day-* yet%n");
                return null;
            }
            ReportPeriod period = new ReportPeriod(days.first(), days.last().plus(Duration.ofDays(1)));
            ServiceQualityReport report = ReportCommand.build(reader, ReportScope.network(), period, Granularity.DAY,
                    MIN_DELIVERED_TO_RANK, Instant.now());
            out.printf("%nService-quality KPIs of the run (kpi-day-*; hourly ones in kpi-hour-*):%n");
            out.print(ReportCommand.summary(report));
            return new String[] {days.first().toString().substring(0, 10), period.to().toString().substring(0, 10)};
        }
    }

    /** Shows the status document of one parcel, as a tracking site would get it. */
    void parcel(String parcelId) throws IOException {
        var doc = client.get(g -> g.index("parcels").id(parcelId), JsonNode.class);
        if (!doc.found()) {
            out.println("  (parcel " + parcelId + " is not in the index)");
            return;
        }
        JsonNode d = doc.source();
        out.printf("  %s  stage %s, %s %s, promised %s, recipient %s %s%n", d.path("parcelId").asText(), d.path("stage").asText(),
                d.path("serviceLevel").asText(), d.path("category").asText(), d.path("promisedAt").asText(),
                d.path("recipient").path("nameMasked").asText(), d.path("recipient").path("phoneMasked").asText());
        for (JsonNode scan : d.path("scans")) {
            out.printf("      %s  %-16s %-14s %s%n", scan.path("time").asText(), scan.path("type").asText(),
                    scan.path("facilityId").asText(""), scan.path("detail").asText(""));
        }
        JsonNode prediction = d.path("prediction");
        if (prediction.isObject()) {
            out.printf("      predicted delivery %s (10-90%%: %s to %s), %.0f%% likely late, as of %s%n", prediction.path("p50").asText(),
                    prediction.path("p10").asText(), prediction.path("p90").asText(),
                    prediction.path("lateProbability").asDouble() * 100, prediction.path("computedAt").asText());
        }
        JsonNode atPickup = d.path("predictionsAt").path("pickup");
        if (atPickup.isObject() && d.hasNonNull("deliveredAt")) {
            out.printf("      delivered %s; predicted at pickup %s (10-90%%: %s to %s)%n", d.path("deliveredAt").asText(),
                    atPickup.path("p50").asText(), atPickup.path("p10").asText(), atPickup.path("p90").asText());
        }
    }

    /** Parcels of the recipient with this phone hash, as the by-phone lookup finds them. */
    List<String> parcelsOfPhoneHash(String phoneHash) throws IOException {
        SearchResponse<JsonNode> hits = client.search(s -> s.index("parcels").size(10)
                .query(q -> q.term(t -> t.field("recipient.phoneHash").value(phoneHash))), JsonNode.class);
        return hits.hits().hits().stream().map(h -> h.id()).toList();
    }
}
