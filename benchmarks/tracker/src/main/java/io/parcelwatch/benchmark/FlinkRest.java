package io.parcelwatch.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few calls of Flink's REST API the benchmark needs, against the mini cluster in this JVM. The
 * REST API (not Flink's in-process classes) so that the figures are read the way an operator would
 * read them from any cluster.
 */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRest(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    record Vertex(String id, String name, int parallelism, String status) {}

    List<Vertex> vertices(String jobId) throws IOException, InterruptedException {
        List<Vertex> vertices = new ArrayList<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            vertices.add(new Vertex(v.path("id").asText(), v.path("name").asText(), v.path("parallelism").asInt(),
                    v.path("status").asText()));
        }
        return vertices;
    }

    /** The metrics the vertex's subtasks report (names only). */
    List<String> metricNames(String jobId, String vertexId) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (JsonNode m : get("/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics")) {
            names.add(m.path("id").asText());
        }
        return names;
    }

    /** Each named metric summed over the vertex's subtasks; a metric not (yet) reported is absent from the map. */
    Map<String, Double> sum(String jobId, String vertexId, Collection<String> names) throws IOException, InterruptedException {
        Map<String, Double> sums = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return sums;
        }
        String get = URLEncoder.encode(String.join(",", names), StandardCharsets.UTF_8);
        for (JsonNode m : get("/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics?agg=sum&get=" + get)) {
            if (m.has("sum")) {
                sums.put(m.path("id").asText(), m.path("sum").asDouble());
            }
        }
        return sums;
    }

    JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    JsonNode checkpointDetails(String jobId, long checkpointId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints/details/" + checkpointId);
    }
}
