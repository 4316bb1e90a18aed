package io.parcelwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.IndexOperation;
import co.elastic.clients.util.BinaryData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkTest {
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
        DocumentWrite kpi = DocumentWrite.unversioned("kpis-2026.11", "SH-08", "{\"onTime\":0.97}".getBytes(StandardCharsets.UTF_8));

        BulkRequest request = ElasticsearchSinkWriter.bulkRequest(List.of(parcel, kpi));

        assertThat(request.operations()).hasSize(2);
        IndexOperation<Object> first = request.operations().get(0).index();
        assertThat(first.index()).isEqualTo("parcels");
        assertThat(first.id()).isEqualTo("SF1");
        assertThat(first.version()).isEqualTo(12L);
        assertThat(first.versionType()).isEqualTo(VersionType.External);
        assertThat(bytesOf(first.document())).isEqualTo(parcel.source());

        BulkOperation second = request.operations().get(1);
        assertThat(second.isIndex()).isTrue();
        assertThat(second.index().version()).isNull();
        assertThat(second.index().versionType()).isNull();
        assertThat(bytesOf(second.index().document())).isEqualTo(kpi.source());
        assertThat(request.includeSourceOnError()).isFalse();
    }

    private static byte[] bytesOf(Object document) throws IOException {
        assertThat(document).isInstanceOf(BinaryData.class);
        BinaryData data = (BinaryData) document;
        assertThat(data.contentType()).isEqualTo("application/json");
        ByteBuffer buffer = data.asByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
