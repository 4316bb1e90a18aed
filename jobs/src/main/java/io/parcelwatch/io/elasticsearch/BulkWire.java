package io.parcelwatch.io.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.JsonpDeserializer;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * A bulk request as it goes over the wire, and its answer as it comes back: the request body is written here, as one
 * byte array, and sent with the low-level REST client; the answer is read with the official client's own types.
 *
 * <p>Why not the typed client's {@code bulk()}: it streams the body to the socket in pieces, and its I/O threads spent
 * 44-50 µs of CPU per 2.5 KB status document on this machine; the same documents as one byte array through the same
 * low-level client, 6-11 µs (bulks of 1,000 and 110 documents against the local node). Live, at 2,200 documents a second,
 * that was a tenth of a core.
 */
final class BulkWire {
    static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    /** The official client's JSON mapping, for the answer; thread-safe. */
    static final JsonpMapper MAPPER = new JacksonJsonpMapper();
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final String ENDPOINT = "es/bulk";

    private BulkWire() {}

    /**
     * {@code POST /_bulk} with one index operation per document, in order; Elasticsearch's error texts without the
     * document's source (the dead letter has it anyway).
     */
    static Request request(List<DocumentWrite> batch) {
        Request request = new Request("POST", "/_bulk");
        request.addParameter("include_source_on_error", "false");
        request.setEntity(new ByteArrayEntity(body(batch), NDJSON));
        return request;
    }

    /** The NDJSON body: an action line and the source as it is (one line: {@link DocumentWrite} removed its line breaks) per document. */
    static byte[] body(List<DocumentWrite> batch) {
        long size = 0;
        for (DocumentWrite write : batch) {
            size += write.sizeInBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, Integer.MAX_VALUE - 16));
        try (JsonGenerator action = JSON.createGenerator(out)) {
            action.setRootValueSeparator(null); // each action line starts at the line's start
            for (DocumentWrite write : batch) {
                action.writeStartObject();
                action.writeObjectFieldStart("index");
                action.writeStringField("_index", write.index());
                action.writeStringField("_id", write.id());
                if (write.hasExternalVersion()) {
                    action.writeNumberField("version", write.version());
                    action.writeStringField("version_type", "external");
                }
                action.writeEndObject();
                action.writeEndObject();
                action.flush();
                out.write('\n');
                out.write(write.source());
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a bulk request in memory", e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** Reads a bulk answer; fails if the body is not one. */
    static BulkResponse answer(HttpEntity entity) throws IOException {
        return read(entity, BulkResponse._DESERIALIZER);
    }

    private static <T> T read(HttpEntity entity, JsonpDeserializer<T> deserializer) throws IOException {
        try (JsonParser parser = MAPPER.jsonProvider().createParser(new ByteArrayInputStream(EntityUtils.toByteArray(entity)))) {
            return deserializer.deserialize(parser, MAPPER);
        }
    }

    /**
     * A successful status whose body is not a bulk answer (a proxy's page, another service on the port): as the status
     * and the reason, so that {@link BulkOutcome} says so rather than retrying it as a lost connection.
     */
    static Throwable notABulkAnswer(Response response, Exception reason) {
        try {
            ResponseException error = new ResponseException(response);
            error.initCause(reason);
            return error;
        } catch (IOException | RuntimeException e) {
            return reason;
        }
    }

    /**
     * What a failed request tells {@link BulkOutcome}: an answer with an Elasticsearch error body (429, 503, 403...)
     * becomes the {@link ElasticsearchException} the typed client would have thrown, with its error type and reason;
     * anything else (no answer at all, an answer that is not Elasticsearch's) stays as it is.
     */
    static Throwable failure(Throwable error) {
        if (!(error instanceof ResponseException e) || e.getResponse().getEntity() == null) {
            return error;
        }
        try {
            return new ElasticsearchException(ENDPOINT, read(e.getResponse().getEntity(), ErrorResponse._DESERIALIZER));
        } catch (IOException | RuntimeException notAnError) {
            return error;
        }
    }
}
