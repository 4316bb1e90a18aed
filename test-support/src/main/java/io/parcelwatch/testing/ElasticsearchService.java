package io.parcelwatch.testing;

import java.net.URI;

/**
 * A running Elasticsearch node for tests.
 *
 * @param uri         HTTP endpoint, e.g. {@code http://127.0.0.1:41234}
 * @param version     the node's version
 * @param description what it is (local node process, container), for test logs
 */
public record ElasticsearchService(URI uri, String version, String description) {}
