package io.parcelwatch.io.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP proxy in front of the real Elasticsearch node that misbehaves on purpose: the first
 * bulk requests get the answers of a script (429 or 503 for the whole request, or a forwarded
 * request whose first item is reported as 429), every other request is forwarded unchanged. It
 * counts bulk requests and the documents in the answers it made fail.
 */
final class ThrottlingProxy implements AutoCloseable {
    /** What the proxy does with one bulk request. */
    enum Answer {
        /** 429 es_rejected_execution_exception for the whole request. */
        TOO_MANY_REQUESTS,
        /** 503 for the whole request. */
        UNAVAILABLE,
        /** 403 security_exception for the whole request. */
        FORBIDDEN,
        /** 200 with a page that is not Elasticsearch's (a proxy's login page, another service on the port). */
        NOT_ELASTICSEARCH,
        /** Forward it, but report its first item as 429 (although Elasticsearch wrote it). */
        FIRST_ITEM_TOO_MANY_REQUESTS,
        FORWARD
    }

    private static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of("content-type", "accept");
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("content-length", "transfer-encoding", "connection");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newHttpClient();
    private final Deque<Answer> script;
    private final Answer otherwise;
    private final AtomicInteger bulkRequests = new AtomicInteger();
    private final AtomicInteger failedDocuments = new AtomicInteger();
    private final List<Integer> bulkSizes = new ArrayList<>();

    /** Answers the first bulk requests as {@code script} says, then {@code otherwise}. */
    ThrottlingProxy(URI target, List<Answer> script, Answer otherwise) throws IOException {
        this.target = target;
        this.script = new ArrayDeque<>(script);
        this.otherwise = otherwise;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int bulkRequests() {
        return bulkRequests.get();
    }

    /** Documents in the answers this proxy made fail (all of a failed request, one for a failed item). */
    int failedDocuments() {
        return failedDocuments.get();
    }

    synchronized List<Integer> bulkSizes() {
        return List.copyOf(bulkSizes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean bulk = exchange.getRequestURI().getPath().endsWith("/_bulk");
            Answer answer = Answer.FORWARD;
            if (bulk) {
                bulkRequests.incrementAndGet();
                int documents = documentsIn(body);
                synchronized (this) {
                    bulkSizes.add(documents);
                    answer = script.isEmpty() ? otherwise : script.poll();
                }
                switch (answer) {
                    case TOO_MANY_REQUESTS, UNAVAILABLE, FORBIDDEN, NOT_ELASTICSEARCH -> failedDocuments.addAndGet(documents);
                    case FIRST_ITEM_TOO_MANY_REQUESTS -> failedDocuments.incrementAndGet();
                    case FORWARD -> { }
                }
            }
            switch (answer) {
                case TOO_MANY_REQUESTS -> error(exchange, 429, "es_rejected_execution_exception",
                        "rejected execution of coordinating operation (test proxy)");
                case UNAVAILABLE -> error(exchange, 503, "unavailable_shards_exception", "no shard available (test proxy)");
                case FORBIDDEN -> error(exchange, 403, "security_exception",
                        "action [indices:data/write/bulk] is unauthorized for user [parcelwatch] (test proxy)");
                case NOT_ELASTICSEARCH -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/html");
                    send(exchange, 200, "<html><body>Please log in (test proxy)</body></html>".getBytes(StandardCharsets.UTF_8));
                }
                case FIRST_ITEM_TOO_MANY_REQUESTS -> forward(exchange, body, true);
                case FORWARD -> forward(exchange, body, false);
            }
        } catch (Exception e) {
            System.err.println("[parcelwatch-test] proxy failed: " + e);
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private static int documentsIn(byte[] ndjson) {
        int lines = 0;
        for (String line : new String(ndjson, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines++;
            }
        }
        return lines / 2; // index operations: an action line and a source line each
    }

    private static void error(HttpExchange exchange, int status, String type, String reason) throws IOException {
        String json = "{\"error\":{\"root_cause\":[{\"type\":\"" + type + "\",\"reason\":\"" + reason + "\"}],\"type\":\"" + type
                + "\",\"reason\":\"" + reason + "\"},\"status\":" + status + "}";
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private void forward(HttpExchange exchange, byte[] body, boolean failFirstItem) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (FORWARDED_REQUEST_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!DROPPED_RESPONSE_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        byte[] answer = response.body();
        if (failFirstItem && response.statusCode() == 200) {
            ObjectNode bulk = (ObjectNode) JSON.readTree(answer);
            bulk.put("errors", true);
            ObjectNode first = (ObjectNode) bulk.get("items").get(0).get("index");
            first.put("status", 429);
            first.remove(List.of("result", "_version", "_seq_no", "_primary_term", "_shards"));
            first.putObject("error").put("type", "es_rejected_execution_exception")
                    .put("reason", "rejected execution of primary operation (test proxy)");
            answer = JSON.writeValueAsBytes(bulk);
        }
        send(exchange, response.statusCode(), answer);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        client.close();
    }
}
