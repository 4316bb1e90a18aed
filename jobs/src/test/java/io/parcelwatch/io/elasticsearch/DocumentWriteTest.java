package io.parcelwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class DocumentWriteTest {
    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aVersionedWriteCarriesItsExternalVersion() {
        DocumentWrite write = DocumentWrite.versioned("parcels", "SF1", 7, json("{\"stage\":\"DELIVERED\"}"));

        assertThat(write.hasExternalVersion()).isTrue();
        assertThat(write.version()).isEqualTo(7);
        assertThat(write.describe()).isEqualTo("[parcels/SF1 v7]");
        assertThat(write.sizeInBytes()).isGreaterThan(write.source().length);
    }

    @Test
    void anUnversionedWriteHasNoVersion() {
        DocumentWrite write = DocumentWrite.unversioned("kpis-2026.11", "SH-08", json("{\"onTime\":0.97}"));

        assertThat(write.hasExternalVersion()).isFalse();
        assertThat(write.version()).isEqualTo(DocumentWrite.NO_VERSION);
        assertThat(write.describe()).isEqualTo("[kpis-2026.11/SH-08]");
    }

    @Test
    void theSourceIsKeptAsGivenWhenItIsOnOneLine() {
        byte[] source = json("{\"name\":\"Zhang Wěi\"}");

        assertThat(DocumentWrite.unversioned("parcels", "SF1", source).source()).isSameAs(source);
    }

    @Test
    void lineBreaksBetweenTokensBecomeSpacesSoTheBulkBodyStaysNewlineDelimited() {
        byte[] source = json("{\n  \"stage\": \"DELIVERED\",\r\n  \"note\": \"a\\nb\"\n}");

        DocumentWrite write = DocumentWrite.unversioned("parcels", "SF1", source);

        assertThat(write.sourceAsString()).isEqualTo("{   \"stage\": \"DELIVERED\",    \"note\": \"a\\nb\" }");
        assertThat(new String(source, StandardCharsets.UTF_8)).as("the caller's array is not modified").contains("\n");
    }

    @Test
    void rejectsWhatElasticsearchCouldNotTakeIdempotently() {
        assertThatThrownBy(() -> DocumentWrite.unversioned("parcels", null, json("{}"))).hasMessageContaining("id must be given");
        assertThatThrownBy(() -> DocumentWrite.unversioned("", "SF1", json("{}"))).hasMessageContaining("index");
        assertThatThrownBy(() -> DocumentWrite.versioned("parcels", "SF1", -5, json("{}"))).hasMessageContaining("version");
        assertThatThrownBy(() -> DocumentWrite.versioned("parcels", "SF1", DocumentWrite.NO_VERSION, json("{}")))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> DocumentWrite.unversioned("parcels", "SF1", new byte[0])).hasMessageContaining("source");
    }

    @Test
    void theCheckpointFormatRoundTrips() throws IOException {
        DocumentWrite versioned = DocumentWrite.versioned("parcels", "SF1-ü", 42, json("{\"a\":1}"));
        DocumentWrite unversioned = DocumentWrite.unversioned("kpis", "x".repeat(70_000), json("{\"b\":2}"));
        DocumentWriteStateSerializer serializer = new DocumentWriteStateSerializer();
        BufferedRequestState<DocumentWrite> state = new BufferedRequestState<>(List.of(
                new RequestEntryWrapper<>(versioned, versioned.sizeInBytes()),
                new RequestEntryWrapper<>(unversioned, unversioned.sizeInBytes())));

        byte[] bytes = serializer.serialize(state);
        BufferedRequestState<DocumentWrite> restored = serializer.deserialize(serializer.getVersion(), bytes);

        assertThat(restored.getBufferedRequestEntries()).extracting(RequestEntryWrapper::getRequestEntry)
                .containsExactly(versioned, unversioned);
        assertThat(restored.getBufferedRequestEntries()).extracting(RequestEntryWrapper::getSize)
                .containsExactly(versioned.sizeInBytes(), unversioned.sizeInBytes());
        assertThatThrownBy(() -> serializer.deserialize(99, bytes)).hasMessageContaining("version 99");
    }
}
