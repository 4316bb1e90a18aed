package io.parcelwatch.report;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads KPI documents from the kpi-* indices with the official client.
 *
 * <p>Documents are read in pages with {@code search_after} on (windowStart, kpiId), which is unique and stable: a
 * quarter of hourly documents of every hub is tens of thousands of documents, more than one search may return.
 * The report needs the documents themselves, not only sums, because the response-time sketches are merged here.
 * No point-in-time: a window that fires again while the pages are read replaces its document under the same sort
 * values, so it is read once, in one version or the other.
 */
public final class KpiReader implements AutoCloseable {
    public static final String INDEX_PATTERN = "kpi-*";
    static final int PAGE_SIZE = 2000;

    private final ElasticsearchClient client;
    private final int pageSize;

    KpiReader(ElasticsearchClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    /** A reader of the node at {@code url}, or {@link Unreachable} when it does not answer. */
    public static KpiReader connect(String url) throws Unreachable {
        ElasticsearchClient client;
        try {
            client = ElasticsearchClient.of(b -> b.host(url));
        } catch (RuntimeException e) {
            throw new Unreachable(url, e);
        }
        try {
            client.info();
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            throw new Unreachable(url, e);
        }
        return new KpiReader(client, PAGE_SIZE);
    }

    /** Which documents to read. {@code scopeId} and {@code regionId} are left out of the filter when null. */
    public record Selection(Granularity granularity, String scope, String scopeId, String regionId, Instant from, Instant to) {}

    public List<KpiDocument> read(Selection selection) throws IOException {
        List<KpiDocument> docs = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<JsonNode> page = client.search(s -> {
                s.index(INDEX_PATTERN).size(pageSize).ignoreUnavailable(true).allowNoIndices(true)
                        .query(q -> q.bool(b -> filter(b, selection)))
                        .sort(o -> o.field(f -> f.field("windowStart").order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("kpiId").order(SortOrder.Asc)));
                if (searchAfter != null) {
                    s.searchAfter(searchAfter);
                }
                return s;
            }, JsonNode.class);
            List<Hit<JsonNode>> hits = page.hits().hits();
            for (Hit<JsonNode> hit : hits) {
                docs.add(KpiDocument.fromSource(hit.source()));
            }
            if (hits.size() < pageSize) {
                return docs;
            }
            after = hits.getLast().sort();
        }
    }

    private static BoolQuery.Builder filter(BoolQuery.Builder b, Selection s) {
        b.filter(f -> f.term(t -> t.field("granularity").value(s.granularity().field())));
        b.filter(f -> f.term(t -> t.field("scope").value(s.scope())));
        if (s.scopeId() != null) {
            b.filter(f -> f.term(t -> t.field("scopeId").value(s.scopeId())));
        }
        if (s.regionId() != null) {
            b.filter(f -> f.term(t -> t.field("regionId").value(s.regionId())));
        }
        b.filter(f -> f.range(r -> r.date(d -> d.field("windowStart").gte(s.from().toString()).lt(s.to().toString()))));
        return b;
    }

    /** The first and last window start of one granularity's documents of a scope. */
    public record Coverage(Granularity granularity, long documents, Instant first, Instant last) {}

    /** What a scope has at all, over all time, per granularity: to tell someone whose period holds nothing where to look. */
    public List<Coverage> coverage(String scope, String scopeId) throws IOException {
        SearchResponse<Void> response = client.search(s -> s.index(INDEX_PATTERN).size(0).ignoreUnavailable(true).allowNoIndices(true)
                .query(q -> q.bool(b -> b
                        .filter(f -> f.term(t -> t.field("scope").value(scope)))
                        .filter(f -> f.term(t -> t.field("scopeId").value(scopeId)))))
                .aggregations("granularity", a -> a.terms(t -> t.field("granularity"))
                        .aggregations("first", m -> m.min(x -> x.field("windowStart")))
                        .aggregations("last", m -> m.max(x -> x.field("windowStart")))), Void.class);
        List<Coverage> coverage = new ArrayList<>();
        if (response.aggregations() == null || !response.aggregations().containsKey("granularity")) {
            return coverage;
        }
        for (StringTermsBucket bucket : response.aggregations().get("granularity").sterms().buckets().array()) {
            Granularity g = Granularity.ofField(bucket.key().stringValue());
            if (g != null) {
                coverage.add(new Coverage(g, bucket.docCount(),
                        Instant.ofEpochMilli(bucket.aggregations().get("first").min().value().longValue()),
                        Instant.ofEpochMilli(bucket.aggregations().get("last").max().value().longValue())));
            }
        }
        return coverage;
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(ElasticsearchClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing a client of a node that never answered has nothing left to release that matters.
        }
    }

    /** Elasticsearch did not answer at the URL. */
    public static final class Unreachable extends Exception {
        private final String url;

        Unreachable(String url, Throwable cause) {
            super(describe(cause), cause);
            this.url = url;
        }

        public String url() {
            return url;
        }

        private static String describe(Throwable cause) {
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return root == cause ? message : message + " (" + root.getClass().getSimpleName() + ")";
        }
    }
}
