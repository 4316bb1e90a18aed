package io.parcelwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServices.class)
class ElasticsearchClientIT {
    /** What a parcel status document looks like to this test. */
    public record Doc(String parcelId, String stage, String regionId, String lastScanTime) {}

    @Test
    void anExplicitlyMappedIndexTakesBulkWritesLookupsTermQueriesAndAggregations(ElasticsearchService es) throws Exception {
        System.out.println("[parcelwatch-test] ElasticsearchClientIT against Elasticsearch " + es.version() + " (" + es.description() + ")");
        try (ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(es.uri().toString()))) {
            assertThat(client.info().version().number()).isEqualTo(es.version());

            client.indices().create(c -> c.index("parcels-it")
                    .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                    .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.Strict)
                            .properties("parcelId", p -> p.keyword(k -> k))
                            .properties("stage", p -> p.keyword(k -> k))
                            .properties("regionId", p -> p.keyword(k -> k))
                            .properties("lastScanTime", p -> p.date(d -> d))));

            List<BulkOperation> ops = new ArrayList<>();
            String[] stages = {"IN_TRANSIT", "IN_TRANSIT", "DELIVERED", "OUT_FOR_DELIVERY", "DELIVERED", "DELIVERED"};
            for (int i = 0; i < stages.length; i++) {
                Doc doc = new Doc("SF" + i, stages[i], i % 2 == 0 ? "SH" : "GS", "2026-11-20T0" + i + ":00:00Z");
                ops.add(BulkOperation.of(o -> o.index(x -> x.index("parcels-it").id(doc.parcelId()).document(doc))));
            }
            BulkResponse bulk = client.bulk(b -> b.operations(ops).refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
            assertThat(bulk.errors()).isFalse();
            assertThat(bulk.items()).hasSize(stages.length);

            GetResponse<Doc> get = client.get(g -> g.index("parcels-it").id("SF2"), Doc.class);
            assertThat(get.found()).isTrue();
            assertThat(get.source()).isEqualTo(new Doc("SF2", "DELIVERED", "SH", "2026-11-20T02:00:00Z"));

            SearchResponse<Doc> delivered = client.search(s -> s.index("parcels-it")
                    .query(q -> q.term(t -> t.field("stage").value("DELIVERED"))), Doc.class);
            assertThat(delivered.hits().hits()).extracting(h -> h.id()).containsExactlyInAnyOrder("SF2", "SF4", "SF5");

            SearchResponse<Void> byStage = client.search(s -> s.index("parcels-it").size(0)
                    .aggregations("stages", a -> a.terms(t -> t.field("stage"))), Void.class);
            Map<String, Long> counts = new java.util.HashMap<>();
            for (StringTermsBucket bucket : byStage.aggregations().get("stages").sterms().buckets().array()) {
                counts.put(bucket.key().stringValue(), bucket.docCount());
            }
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("IN_TRANSIT", 2L, "DELIVERED", 3L, "OUT_FOR_DELIVERY", 1L));
        }
    }
}
