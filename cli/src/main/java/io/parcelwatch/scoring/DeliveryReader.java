package io.parcelwatch.scoring;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the delivered parcels' status documents from the parcels index, for {@link PredictionScore}.
 *
 * <p>The contract with the tracker (fields of a {@code parcels} document, id = parcel number; times are
 * ISO-8601 UTC strings, epoch milliseconds are accepted too):
 * <ul>
 *   <li>{@code parcelId}, {@code stage} (e.g. DELIVERED), {@code serviceLevel}, {@code promisedAt};</li>
 *   <li>{@code deliveredAt}: event time of the DELIVERED scan; absent or null if not delivered;</li>
 *   <li>{@code predictionsAt}: the prediction as it was when the parcel reached fixed points of its journey,
 *       {@code {"pickup": P, "halfway": P, "outForDelivery": P}}, any of them absent or null, each
 *       {@code P = {"at", "p10", "p50", "p90", "lateProbability", "slowestStep", "computedAt"}}: {@code at} the
 *       event time of the scan that reached the point, {@code p10}/{@code p50}/{@code p90} times,
 *       {@code lateProbability} a number 0..1, {@code slowestStep} a string or null, {@code computedAt} the
 *       event time the prediction was made. {@code pickup} is the PICKED_UP scan, {@code halfway} the first
 *       HUB_ARRIVED at the planned route's hub {@code size / 2} (integer division: of 1 hub that one, of 2 the
 *       second, of 3 the middle one), {@code outForDelivery} the first OUT_FOR_DELIVERY scan.</li>
 * </ul>
 * The score reads {@code at}, {@code p10}, {@code p50}, {@code p90} and {@code lateProbability}; a snapshot
 * missing one of them is left out and counted ({@link Delivery#incomplete()}). The current
 * {@code prediction} is not read: once delivered, only the snapshots say how good the predictions were.
 *
 * <p>Documents are read with {@code search_after} on {@code parcelId} in pages, only the fields above
 * (source filtering), those with {@code stage} DELIVERED or a {@code deliveredAt}. Without a point-in-time,
 * a document written while the pages are read may be seen in its older or newer version, which does not
 * matter for delivered parcels (their snapshots and delivery no longer change).
 */
public final class DeliveryReader {
    static final int PAGE_SIZE = 5000;
    static final List<String> FIELDS = List.of("parcelId", "stage", "serviceLevel", "promisedAt", "deliveredAt", "predictionsAt");

    private DeliveryReader() {}

    /** Every delivered parcel of {@code index} at {@code host} (the same client setup as {@link AlertReader}). */
    public static List<Delivery> fromElasticsearch(String host, String index) throws IOException {
        try (ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(host))) {
            return read(client, index, PAGE_SIZE);
        }
    }

    static List<Delivery> read(ElasticsearchClient client, String index, int pageSize) throws IOException {
        List<Delivery> deliveries = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<Hit<JsonNode>> hits = page(client, index, pageSize, after);
            for (Hit<JsonNode> hit : hits) {
                deliveries.add(parse(hit.source()));
            }
            if (hits.size() < pageSize) {
                return deliveries;
            }
            after = hits.getLast().sort();
        }
    }

    /** One page of delivered parcels in parcel order, after the sort values {@code after} (null: the first page). */
    static List<Hit<JsonNode>> page(ElasticsearchClient client, String index, int size, List<FieldValue> after) throws IOException {
        SearchResponse<JsonNode> page = client.search(s -> {
            s.index(index).size(size)
                    .query(q -> q.bool(b -> b
                            .should(sh -> sh.term(t -> t.field("stage").value("DELIVERED")))
                            .should(sh -> sh.exists(e -> e.field("deliveredAt")))
                            .minimumShouldMatch("1")))
                    .source(src -> src.filter(f -> f.includes(FIELDS)))
                    .sort(o -> o.field(f -> f.field("parcelId").order(SortOrder.Asc)));
            if (after != null) {
                s.searchAfter(after);
            }
            return s;
        }, JsonNode.class);
        return page.hits().hits();
    }

    /** One status document's {@code _source} (or the filtered part of it above). */
    public static Delivery parse(JsonNode doc) {
        String parcelId = text(doc, "parcelId");
        Map<Delivery.Point, Delivery.Snapshot> snapshots = new EnumMap<>(Delivery.Point.class);
        int incomplete = 0;
        JsonNode predictionsAt = doc.path("predictionsAt");
        for (Delivery.Point point : Delivery.Point.values()) {
            JsonNode p = predictionsAt.path(point.field());
            if (p.isMissingNode() || p.isNull()) {
                continue;
            }
            Instant at = time(p, "at", parcelId);
            Instant p10 = time(p, "p10", parcelId);
            Instant p50 = time(p, "p50", parcelId);
            Instant p90 = time(p, "p90", parcelId);
            JsonNode late = p.get("lateProbability");
            if (at == null || p10 == null || p50 == null || p90 == null || late == null || !late.isNumber()) {
                incomplete++;
                continue;
            }
            snapshots.put(point, new Delivery.Snapshot(at, p10, p50, p90, late.asDouble()));
        }
        return new Delivery(parcelId, text(doc, "serviceLevel"), time(doc, "promisedAt", parcelId),
                time(doc, "deliveredAt", parcelId), snapshots, incomplete);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant time(JsonNode node, String field, String parcelId) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Parcel " + parcelId + ": " + field + " is not a time: " + value, e);
        }
    }
}
