package io.parcelwatch.io.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs ParcelWatch's index templates ({@code deploy/elasticsearch/*.index-template.json}, on the
 * classpath under {@code elasticsearch/}) before a job writes, so indices get the right mappings
 * whether they exist yet or not. Putting a template is idempotent.
 */
public final class IndexTemplates {
    private static final Logger LOG = LoggerFactory.getLogger(IndexTemplates.class);
    public static final List<String> NAMES = List.of("parcels", "alerts", "kpi");

    private IndexTemplates() {}

    public static void install(List<String> hosts, List<String> names) {
        try (ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(hosts.getFirst()))) {
            for (String name : names) {
                String resource = "elasticsearch/" + name + ".index-template.json";
                try (InputStream json = IndexTemplates.class.getClassLoader().getResourceAsStream(resource)) {
                    if (json == null) {
                        throw new IllegalStateException("Index template " + resource + " is not on the classpath");
                    }
                    client.indices().putIndexTemplate(t -> t.name("parcelwatch-" + name).withJson(json));
                }
                LOG.info("Index template parcelwatch-{} installed on {}", name, hosts.getFirst());
            }
        } catch (IOException e) {
            throw new ElasticsearchSinkException("Cannot install the index templates on " + hosts.getFirst()
                    + ": is Elasticsearch running there? (" + e.getMessage() + ")", e);
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }
}
