package io.parcelwatch.report;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The kpi-* indices of a test's Elasticsearch: the real index template from the repository, and documents in it. */
final class KpiIndex {
    static final String TEMPLATE = "deploy/elasticsearch/kpi.index-template.json";

    private KpiIndex() {}

    /** The repository's template file, found from the working directory (the cli module when Maven runs the test). */
    static Path templateFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(TEMPLATE))) {
                return dir.resolve(TEMPLATE);
            }
        }
        throw new IllegalStateException(TEMPLATE + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Installs the template and removes every kpi-* index, so a test sees its own documents only. */
    static void reset(ElasticsearchClient client) throws IOException {
        try (Reader template = Files.newBufferedReader(templateFile())) {
            client.indices().putIndexTemplate(t -> t.name("parcelwatch-kpi").withJson(template));
        }
        // By name: deleting by wildcard is refused (action.destructive_requires_name).
        for (String index : client.indices().get(g -> g.index(KpiReader.INDEX_PATTERN)
                .ignoreUnavailable(true).allowNoIndices(true)).indices().keySet()) {
            client.indices().delete(d -> d.index(index));
        }
    }

    /** Indexes the documents under their real ids and indices, visible to search when this returns. */
    static void index(ElasticsearchClient client, List<KpiDocs> docs) throws IOException {
        for (int from = 0; from < docs.size(); from += 1000) {
            List<BulkOperation> ops = new ArrayList<>();
            for (KpiDocs doc : docs.subList(from, Math.min(docs.size(), from + 1000))) {
                ops.add(BulkOperation.of(o -> o.index(i -> i.index(doc.index()).id(doc.id()).document(doc.json()))));
            }
            BulkResponse response = client.bulk(b -> b.operations(ops).refresh(Refresh.True));
            if (response.errors()) {
                throw new IllegalStateException("Indexing KPI documents failed: " + response.items().stream()
                        .filter(item -> item.error() != null).findFirst().map(item -> item.error().reason()).orElse("?"));
            }
        }
    }
}
