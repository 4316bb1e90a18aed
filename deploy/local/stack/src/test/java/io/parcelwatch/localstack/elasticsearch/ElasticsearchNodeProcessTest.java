package io.parcelwatch.localstack.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parcelwatch.localstack.LocalStackException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElasticsearchNodeProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpClient http;

    @TempDir
    Path home;

    @BeforeAll
    static void client() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void closeClient() {
        http.close();
    }

    @Test
    void startsIndexesStopsAndRestartsOnTheSameData() throws Exception {
        ElasticsearchNodeSettings settings = ElasticsearchNodeSettings.of(home).withClusterName("parcelwatch-test");

        long started = System.nanoTime();
        try (ElasticsearchNodeProcess node = ElasticsearchNodeProcess.start(settings)) {
            System.out.printf("first start: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            URI es = node.httpUri();
            assertThat(node.httpPort()).isPositive();
            assertThat(Files.readString(home.resolve("http.port")).trim()).isEqualTo(Integer.toString(node.httpPort()));
            assertThat(node.version()).isEqualTo("9.5.3");

            JsonNode root = get(es, "/");
            assertThat(root.path("cluster_name").asText()).isEqualTo("parcelwatch-test");
            assertThat(root.path("version").path("number").asText()).isEqualTo("9.5.3");
            JsonNode health = get(es, "/_cluster/health");
            assertThat(health.path("status").asText()).isEqualTo("green");
            assertThat(health.path("cluster_name").asText()).isEqualTo("parcelwatch-test");

            put(es, "/parcels", """
                    {"mappings": {"properties": {
                        "parcel_id": {"type": "keyword"},
                        "scanned_at": {"type": "date"}}}}""");
            put(es, "/parcel-events", "{}"); // default settings: default codec, replicas defaulted to 0 by the node
            put(es, "/parcels/_doc/P-1?refresh=true", """
                    {"parcel_id": "P-1", "scanned_at": "2025-03-01T10:15:00Z"}""");
            put(es, "/parcel-events/_doc/e1?refresh=true", """
                    {"parcel_id": "P-1", "status": "IN_TRANSIT"}""");
            boolean zstd = NativeZstd.systemLibrary().isPresent();
            if (zstd) {
                put(es, "/parcels-archive", """
                        {"settings": {"index.codec": "best_compression"}}""");
                put(es, "/parcels-archive/_doc/a1?refresh=true", """
                        {"parcel_id": "P-0"}""");
            }

            assertThat(get(es, "/parcels/_doc/P-1").path("_source").path("scanned_at").asText())
                    .isEqualTo("2025-03-01T10:15:00Z");
            JsonNode mapping = get(es, "/parcels/_mapping").path("parcels").path("mappings").path("properties");
            assertThat(mapping.path("parcel_id").path("type").asText()).isEqualTo("keyword");
            assertThat(mapping.path("scanned_at").path("type").asText()).isEqualTo("date");
            assertThat(get(es, "/parcel-events/_settings").path("parcel-events").path("settings").path("index")
                    .path("number_of_replicas").asText()).isEqualTo("0");
            assertThat(get(es, "/_cluster/health").path("status").asText()).isEqualTo("green");

            long pid = node.pid();
            node.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(home.resolve("http.port")).doesNotExist();
            assertThat(home.resolve("node.pid")).doesNotExist();
            assertThat(Files.readString(home.resolve("logs/elasticsearch.log"))).contains("closed");
        }

        started = System.nanoTime();
        try (ElasticsearchNodeProcess node = ElasticsearchNodeProcess.start(settings)) {
            System.out.printf("restart: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            URI es = node.httpUri();
            JsonNode doc = get(es, "/parcels/_doc/P-1");
            assertThat(doc.path("found").asBoolean()).isTrue();
            assertThat(doc.path("_source").path("parcel_id").asText()).isEqualTo("P-1");
            JsonNode search = post(es, "/parcels/_search", """
                    {"query": {"term": {"parcel_id": "P-1"}}}""");
            assertThat(search.path("hits").path("total").path("value").asInt()).isEqualTo(1);
            assertThat(get(es, "/parcel-events/_doc/e1").path("found").asBoolean()).isTrue();
            if (NativeZstd.systemLibrary().isPresent()) {
                assertThat(get(es, "/parcels-archive/_doc/a1").path("found").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void reportsATakenHttpPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ElasticsearchNodeSettings settings = ElasticsearchNodeSettings.of(home).withHttpPort(taken.getLocalPort());
            assertThatThrownBy(() -> ElasticsearchNodeProcess.start(settings))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }
    }

    private static JsonNode get(URI es, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(es.resolve(path)).GET(), path);
    }

    private static JsonNode put(URI es, String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(es.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(body)), path);
    }

    private static JsonNode post(URI es, String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(es.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)), path);
    }

    private static JsonNode send(HttpRequest.Builder request, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request.header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s -> %s", path, response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
