package io.parcelwatch.demo;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the run shows from Elasticsearch: counts, stages, alerts by kind with an example each, lookups. */
final class DemoReport {
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
     * The service-quality KPIs of the whole run (the network's daily documents, summed; rates recomputed
     * from the sums) and the hubs with the lowest on-time rate.
     */
    /** @return the days the KPIs cover, as {@code --from} and {@code --to} of the report command; null if there are none */
    String[] serviceQuality() throws IOException {
        client.indices().refresh(r -> r.index("kpi-*").allowNoIndices(true).ignoreUnavailable(true));
        List<JsonNode> days = fetch("network");
        Map<String, Double> network = sums(days, null);
        if (network.isEmpty()) {
            out.printf("%nService-quality KPIs: none in kpi-day-* yet%n");
            return null;
        }
        out.printf("%nService-quality KPIs of the run (index kpi-day-*, network; hourly ones in kpi-hour-*):%n");
        out.printf("  picked up %,.0f, delivered %,.0f: on time %s, intact %s, first attempt %s; lost %,.0f (loss rate %s)%n",
                network.get("pickedUp"), network.get("delivered"), share(network, "deliveredOnTime", "delivered"),
                share(network, "deliveredIntact", "delivered"), share(network, "firstAttemptDelivered", "delivered"),
                network.get("lost"), share(network, "lost", "finished"));
        out.printf("  door / locker / station %s / %s / %s, locker without consent %,.0f; tracking freshness %s, stale episodes %,.0f%n",
                share(network, "doorDeliveries", "delivered"), share(network, "lockerDeliveries", "delivered"),
                share(network, "stationDeliveries", "delivered"), network.get("lockerWithoutConsent"),
                share(network, "scanGapsWithinLimit", "scanGaps"), network.get("staleTracking"));
        double responded = network.get("complaintsResponded");
        out.printf("  complaints %,.0f (%.1f per 10,000 parcels picked up), answered %,.0f: mean response %s, within 24 h %s%n",
                network.get("complaintsOpened"), network.get("pickedUp") > 0 ? 10_000 * network.get("complaintsOpened") / network.get("pickedUp") : 0.0,
                responded, responded > 0 ? String.format(Locale.ROOT, "%.1f h", network.get("responseMinutesSum") / responded / 60) : "-",
                share(network, "respondedWithin24h", "complaintsResponded"));
        Map<String, Map<String, Double>> hubs = new TreeMap<>();
        for (JsonNode doc : fetch("hub")) {
            hubs.computeIfAbsent(doc.path("scopeId").asText(), h -> new HashMap<>());
            sums(List.of(doc), hubs.get(doc.path("scopeId").asText()));
        }
        List<Map.Entry<String, Map<String, Double>>> worst = hubs.entrySet().stream()
                .filter(e -> e.getValue().getOrDefault("delivered", 0.0) > 0)
                .sorted(Comparator.comparingDouble(e -> e.getValue().get("deliveredOnTime") / e.getValue().get("delivered")))
                .limit(3).toList();
        for (Map.Entry<String, Map<String, Double>> e : worst) {
            out.printf("  low on-time hub %-14s %s of %,.0f deliveries%n", e.getKey(), share(e.getValue(), "deliveredOnTime", "delivered"),
                    e.getValue().get("delivered"));
        }
        String from = days.stream().map(d -> d.path("windowStart").asText().substring(0, 10)).min(String::compareTo).orElseThrow();
        String to = days.stream().map(d -> d.path("windowEnd").asText().substring(0, 10)).max(String::compareTo).orElseThrow();
        return new String[] {from, to};
    }

    private List<JsonNode> fetch(String scope) throws IOException {
        SearchResponse<JsonNode> docs = client.search(s -> s.index("kpi-day-*").allowNoIndices(true).ignoreUnavailable(true).size(10_000)
                .query(q -> q.term(t -> t.field("scope").value(scope))), JsonNode.class);
        List<JsonNode> out = new ArrayList<>();
        docs.hits().hits().forEach(h -> out.add(h.source()));
        return out;
    }

    private static final List<String> SUMMED = List.of("pickedUp", "delivered", "deliveredOnTime", "deliveredIntact", "firstAttemptDelivered",
            "lost", "returned", "doorDeliveries", "lockerDeliveries", "stationDeliveries", "lockerWithoutConsent", "scanGaps",
            "scanGapsWithinLimit", "staleTracking", "complaintsOpened", "complaintsResponded", "respondedWithin24h", "responseMinutesSum");

    private static Map<String, Double> sums(List<JsonNode> docs, Map<String, Double> into) {
        Map<String, Double> sums = into == null ? new HashMap<>() : into;
        for (JsonNode doc : docs) {
            for (String field : SUMMED) {
                sums.merge(field, doc.path(field).asDouble(0), Double::sum);
            }
            sums.merge("finished", doc.path("delivered").asDouble(0) + doc.path("lost").asDouble(0) + doc.path("returned").asDouble(0),
                    Double::sum);
        }
        return sums;
    }

    private static String share(Map<String, Double> sums, String part, String whole) {
        double w = sums.getOrDefault(whole, 0.0);
        return w > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * sums.getOrDefault(part, 0.0) / w) : "-";
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
