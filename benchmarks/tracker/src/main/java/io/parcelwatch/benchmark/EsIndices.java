package io.parcelwatch.benchmark;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.CommonStatsFlag;
import co.elastic.clients.elasticsearch.indices.IndicesStatsResponse;
import co.elastic.clients.elasticsearch.nodes.GarbageCollectorTotal;
import co.elastic.clients.elasticsearch.nodes.Stats;
import co.elastic.clients.elasticsearch.nodes.stats.NodeStatsMetric;
import java.io.IOException;
import java.util.List;

/** The Elasticsearch side of the benchmark: fresh indices before a run, and the node's own count of writes after it. */
final class EsIndices implements AutoCloseable {
    private final ElasticsearchClient client;

    EsIndices(String uri) {
        this.client = ElasticsearchClient.of(b -> b.host(uri));
    }

    ElasticsearchClient client() {
        return client;
    }

    /** Deletes the indices that exist: the tracker's writes carry external versions, so documents of an earlier run would reject them. */
    void deleteIfExist(List<String> indices) throws IOException {
        for (String index : indices) {
            if (client.indices().exists(e -> e.index(index)).value()) {
                client.indices().delete(d -> d.index(index));
            }
        }
    }

    /**
     * What the index's primary shards did: indexing, merging and refreshing ({@code _stats/indexing,merge,refresh}).
     *
     * @param indexed       index operations (index_total)
     * @param indexMillis   time spent indexing them
     * @param mergeMillis   time spent merging (all merge threads, throttled time included)
     * @param refreshMillis time spent refreshing
     */
    record Work(long indexed, long indexMillis, long mergeMillis, long refreshMillis) {
        static final Work UNKNOWN = new Work(-1, -1, -1, -1);
    }

    Work work(String index) throws IOException {
        if (!client.indices().exists(e -> e.index(index)).value()) {
            return Work.UNKNOWN;
        }
        IndicesStatsResponse stats = client.indices().stats(s -> s.index(index)
                .metric(CommonStatsFlag.Indexing, CommonStatsFlag.Merge, CommonStatsFlag.Refresh));
        var indexStats = stats.indices().get(index);
        var primaries = indexStats == null ? null : indexStats.primaries();
        if (primaries == null || primaries.indexing() == null || primaries.merges() == null || primaries.refresh() == null) {
            return Work.UNKNOWN;
        }
        return new Work(primaries.indexing().indexTotal(), primaries.indexing().indexTimeInMillis(), primaries.merges().totalTimeInMillis(),
                primaries.refresh().totalTimeInMillis());
    }

    /**
     * What the node's process did: its JVM's garbage collection time and its CPU time ({@code _nodes/_local/stats/jvm,process}).
     * Either is -1 where it cannot be read.
     */
    record NodeWork(long gcMillis, long cpuMillis) {
        static final NodeWork UNKNOWN = new NodeWork(-1, -1);
    }

    NodeWork nodeWork() {
        try {
            Stats node = client.nodes().stats(s -> s.nodeId("_local").metric(NodeStatsMetric.Jvm, NodeStatsMetric.Process))
                    .nodes().values().iterator().next();
            long gc = 0;
            for (GarbageCollectorTotal collector : node.jvm().gc().collectors().values()) {
                gc += collector.collectionTimeInMillis();
            }
            return new NodeWork(gc, node.process().cpu().totalInMillis());
        } catch (Exception e) {
            return NodeWork.UNKNOWN;
        }
    }

    /** Documents in the index after a refresh; -1 if it does not exist. */
    long count(String index) throws IOException {
        if (!client.indices().exists(e -> e.index(index)).value()) {
            return -1;
        }
        client.indices().refresh(r -> r.index(index));
        return client.count(c -> c.index(index)).count();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
