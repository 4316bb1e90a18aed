package io.parcelwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.util.InstantiationUtil;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ElementConverter<String, DocumentWrite> CONVERTER =
            (id, context) -> DocumentWrite.unversioned("parcels", id, "{}".getBytes(StandardCharsets.UTF_8));

    private static ElasticsearchSink.Builder<String> minimal() {
        return ElasticsearchSink.<String>builder()
                .setHosts("http://127.0.0.1:9200")
                .setElementConverter(CONVERTER)
                .setRejectedWriteHandler(RejectedWriteHandler.failJob());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ElasticsearchSink<String> sink = minimal().build();
        AsyncSinkWriterConfiguration config = sink.writerConfiguration();

        assertThat(config.getMaxBatchSize()).isEqualTo(1_000);
        assertThat(config.getMaxBatchSizeInBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(config.getMaxInFlightRequests()).isEqualTo(1);
        assertThat(config.getMaxBufferedRequests()).isEqualTo(10_000);
        assertThat(config.getMaxTimeInBufferMS()).isEqualTo(1_000);
        assertThat(config.getMaxRecordSizeInBytes()).isEqualTo(1024 * 1024);
        assertThat(config.isFailOnTimeout()).isTrue();
        // connect 5 s + request 60 s + max backoff 30 s + 60 s margin
        assertThat(config.getRequestTimeoutMS()).isEqualTo(155_000);
        assertThat(sink.retryBackoff().initial()).isEqualTo(Duration.ofMillis(100));
        assertThat(sink.retryBackoff().max()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sink.retryBackoff().jitter()).isEqualTo(0.5);
        assertThat(sink.maxRetryDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(sink.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(sink.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void settingsReachTheWriterConfiguration() {
        ElasticsearchSink<String> sink = minimal()
                .setHosts(List.of("http://es-1:9200", "http://es-2:9200"))
                .setMaxBatchSize(50)
                .setMaxBatchSizeInBytes(64 * 1024)
                .setMaxInFlightRequests(4)
                .setMaxBufferedRequests(500)
                .setMaxTimeInBuffer(Duration.ofMillis(200))
                .setConnectTimeout(Duration.ofSeconds(1))
                .setRequestTimeout(Duration.ofSeconds(10))
                .setRetryBackoff(Duration.ofMillis(10), Duration.ofSeconds(1), 0.2)
                .setMaxRetryDuration(Duration.ofSeconds(30))
                .build();
        AsyncSinkWriterConfiguration config = sink.writerConfiguration();

        assertThat(sink.hosts()).containsExactly("http://es-1:9200", "http://es-2:9200");
        assertThat(config.getMaxBatchSize()).isEqualTo(50);
        assertThat(config.getMaxBatchSizeInBytes()).isEqualTo(64 * 1024);
        assertThat(config.getMaxRecordSizeInBytes()).as("capped by the batch size in bytes").isEqualTo(64 * 1024);
        assertThat(config.getMaxInFlightRequests()).isEqualTo(4);
        assertThat(config.getMaxBufferedRequests()).isEqualTo(500);
        assertThat(config.getMaxTimeInBufferMS()).isEqualTo(200);
        assertThat(config.getRequestTimeoutMS()).isEqualTo(2 * 11_000 + 1_000 + 60_000);
        assertThat(sink.maxRetryDuration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theSinkIsSerializableWithEverythingItNeeds() throws IOException, ClassNotFoundException {
        ElasticsearchSink<String> sink = minimal().build();

        ElasticsearchSink<String> copy = InstantiationUtil.clone(sink);

        assertThat(copy.hosts()).isEqualTo(sink.hosts());
        assertThat(copy.rejectedWriteHandlerFactory()).isNotNull();
        assertThat(copy.writerConfiguration().getMaxBatchSize()).isEqualTo(1_000);
    }

    @Test
    void tellsWhatIsMissing() {
        assertThatThrownBy(() -> ElasticsearchSink.<String>builder().setElementConverter(CONVERTER)
                .setRejectedWriteHandler(RejectedWriteHandler.failJob()).build()).hasMessageContaining("setHosts");
        assertThatThrownBy(() -> ElasticsearchSink.<String>builder().setHosts("http://localhost:9200")
                .setRejectedWriteHandler(RejectedWriteHandler.failJob()).build()).hasMessageContaining("setElementConverter");
        assertThatThrownBy(() -> ElasticsearchSink.<String>builder().setHosts("http://localhost:9200")
                .setElementConverter(CONVERTER).build()).hasMessageContaining("setDeadLetterKafka");
        assertThatThrownBy(() -> minimal().setHosts("localhost:9200")).hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> minimal().setMaxBatchSize(100).setMaxBufferedRequests(100).build())
                .hasMessageContaining("maxBufferedRequests");
        assertThatThrownBy(() -> minimal().setMaxBatchSizeInBytes(1_000).setMaxRecordSizeInBytes(2_000).build())
                .hasMessageContaining("maxRecordSizeInBytes");
        assertThatThrownBy(() -> minimal().setMaxRetryDuration(Duration.ZERO)).hasMessageContaining("maxRetryDuration");
    }

    @Test
    void theDeadLetterTopicIsTheDefaultRejectedWriteHandler() {
        ElasticsearchSink<String> sink = ElasticsearchSink.<String>builder().setHosts("http://127.0.0.1:9200")
                .setElementConverter(CONVERTER).setDeadLetterKafka("127.0.0.1:9092").build();

        assertThat(sink.rejectedWriteHandlerFactory()).isNotNull();
    }

    @Test
    void aBatchBecomesOneBulkRequestWithTheSourceBytesAsTheyAreAndExternalVersions() throws IOException {
        DocumentWrite parcel = DocumentWrite.versioned("parcels", "SF1", 12, "{\"stage\":\"DELIVERED\"}".getBytes(StandardCharsets.UTF_8));
        DocumentWrite kpi = DocumentWrite.unversioned("kpis-2026.11", "SH-08 \"north\"", "{\"onTime\":0.97}".getBytes(StandardCharsets.UTF_8));

        Request request = BulkWire.request(List.of(parcel, kpi));

        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getEndpoint()).isEqualTo("/_bulk");
        assertThat(request.getParameters()).containsEntry("include_source_on_error", "false");
        assertThat(request.getEntity().getContentType()).startsWith("application/x-ndjson");
        byte[] body = request.getEntity().getContent().readAllBytes();
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(5).endsWith("");
        JsonNode first = JSON.readTree(lines[0]).get("index");
        assertThat(first.get("_index").asText()).isEqualTo("parcels");
        assertThat(first.get("_id").asText()).isEqualTo("SF1");
        assertThat(first.get("version").asLong()).isEqualTo(12L);
        assertThat(first.get("version_type").asText()).isEqualTo("external");
        assertThat(lines[1].getBytes(StandardCharsets.UTF_8)).isEqualTo(parcel.source());
        JsonNode second = JSON.readTree(lines[2]).get("index");
        assertThat(second.get("_index").asText()).isEqualTo("kpis-2026.11");
        assertThat(second.get("_id").asText()).isEqualTo("SH-08 \"north\"");
        assertThat(second.has("version")).isFalse();
        assertThat(second.has("version_type")).isFalse();
        assertThat(lines[3].getBytes(StandardCharsets.UTF_8)).isEqualTo(kpi.source());
    }

    @Test
    void readsEachItemsStatusAndErrorFromABulkAnswer() throws IOException {
        String json = """
                {"errors":true,"took":3,"items":[
                 {"index":{"_index":"parcels","_id":"SF1","_version":12,"result":"updated","status":200}},
                 {"index":{"_index":"parcels","_id":"SF2","status":409,"error":{"type":"version_conflict_engine_exception","reason":"[SF2]: version conflict"}}}]}
                """;

        BulkResponse answer = BulkWire.answer(new StringEntity(json, ContentType.APPLICATION_JSON));

        assertThat(answer.items()).extracting(BulkResponseItem::status).containsExactly(200, 409);
        assertThat(answer.items().get(1).error().type()).isEqualTo("version_conflict_engine_exception");
    }

    @Test
    void anAnswerThatIsNotABulkAnswerFailsToRead() {
        assertThatThrownBy(() -> BulkWire.answer(new StringEntity("<html>proxy login</html>", ContentType.TEXT_HTML)))
                .isInstanceOf(RuntimeException.class);
    }
}
