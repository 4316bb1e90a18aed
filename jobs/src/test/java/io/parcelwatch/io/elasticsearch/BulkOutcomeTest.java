package io.parcelwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.util.BinaryData;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The sink's failure policy, on bulk responses built with the client's own builders. */
class BulkOutcomeTest {

    private static DocumentWrite parcel(String id, long version) {
        return DocumentWrite.versioned("parcels", id, version, ("{\"parcelId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static DocumentWrite kpi(String id) {
        return DocumentWrite.unversioned("kpis-2026.11", id, "{\"value\":1}".getBytes(StandardCharsets.UTF_8));
    }

    private static BulkResponseItem ok(DocumentWrite doc, int status) {
        return BulkResponseItem.of(i -> i.operationType(OperationType.Index).index(doc.index()).id(doc.id()).status(status)
                .result(status == 201 ? "created" : "updated").version(doc.hasExternalVersion() ? doc.version() : 1L));
    }

    private static BulkResponseItem failed(DocumentWrite doc, int status, String type, String reason) {
        return BulkResponseItem.of(i -> i.operationType(OperationType.Index).index(doc.index()).id(doc.id()).status(status)
                .error(e -> e.type(type).reason(reason)));
    }

    private static BulkResponse response(BulkResponseItem... items) {
        boolean errors = Arrays.stream(items).anyMatch(i -> i.error() != null);
        return BulkResponse.of(r -> r.took(3).errors(errors).items(List.of(items)));
    }

    @Test
    void successfulItemsAreWritten() {
        DocumentWrite a = parcel("SF1", 3);
        DocumentWrite b = kpi("hub-SH-2026-11-20T08");

        BulkOutcome outcome = BulkOutcome.of(List.of(a, b), response(ok(a, 201), ok(b, 200)));

        assertThat(outcome.written()).isEqualTo(2);
        assertThat(outcome.conflicts()).isZero();
        assertThat(outcome.retry()).isEmpty();
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.isFatal()).isFalse();
    }

    @Test
    void aVersionConflictOfAnExternallyVersionedWriteIsCountedNotRetriedNorRejected() {
        DocumentWrite older = parcel("SF1", 3);
        DocumentWrite newer = parcel("SF2", 9);

        BulkOutcome outcome = BulkOutcome.of(List.of(older, newer), response(
                failed(older, 409, "version_conflict_engine_exception",
                        "[SF1]: version conflict, current version [5] is higher or equal to the one provided [3]"),
                ok(newer, 200)));

        assertThat(outcome.conflicts()).isEqualTo(1);
        assertThat(outcome.written()).isEqualTo(1);
        assertThat(outcome.retry()).isEmpty();
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.isFatal()).isFalse();
    }

    @Test
    void aConflictWithoutExternalVersioningIsRejectedBecauseItCannotBeAnOlderWrite() {
        DocumentWrite doc = kpi("hub-SH");

        BulkOutcome outcome = BulkOutcome.of(List.of(doc), response(failed(doc, 409, "version_conflict_engine_exception", "x")));

        assertThat(outcome.conflicts()).isZero();
        assertThat(outcome.rejected()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.reasonCode()).isEqualTo("ES_REJECTED_409_version_conflict_engine_exception");
        });
    }

    @Test
    void throttledAndUnavailableItemsAreRetriedAloneAndInOrder() {
        DocumentWrite a = parcel("SF1", 1);
        DocumentWrite b = parcel("SF2", 1);
        DocumentWrite c = parcel("SF3", 1);
        DocumentWrite d = parcel("SF4", 1);

        BulkOutcome outcome = BulkOutcome.of(List.of(a, b, c, d), response(
                failed(a, 429, "es_rejected_execution_exception", "rejected execution of coordinating operation"),
                ok(b, 201),
                failed(c, 503, "unavailable_shards_exception", "primary shard is not active"),
                failed(d, 500, "illegal_state_exception", "boom")));

        assertThat(outcome.retry()).containsExactly(a, c, d);
        assertThat(outcome.written()).isEqualTo(1);
        assertThat(outcome.retryCause()).contains("SF1").contains("429").contains("es_rejected_execution_exception");
        assertThat(outcome.isFatal()).isFalse();
    }

    @Test
    void mappingAndParseErrorsAreRejectedWithStatusTypeAndReason() {
        DocumentWrite bad = parcel("SF1", 4);
        DocumentWrite good = parcel("SF2", 4);
        ErrorCause cause = ErrorCause.of(e -> e.type("mapper_parsing_exception")
                .reason("failed to parse field [weightGrams] of type [long] in document with id 'SF1'")
                .causedBy(c -> c.type("illegal_argument_exception").reason("For input string: \"heavy\"")));
        BulkResponseItem badItem = BulkResponseItem.of(i -> i.operationType(OperationType.Index).index("parcels").id("SF1")
                .status(400).error(cause));

        BulkOutcome outcome = BulkOutcome.of(List.of(bad, good), response(badItem, ok(good, 201)));

        assertThat(outcome.written()).isEqualTo(1);
        assertThat(outcome.retry()).isEmpty();
        assertThat(outcome.rejected()).singleElement().satisfies(r -> {
            assertThat(r.document()).isSameAs(bad);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorType()).isEqualTo("mapper_parsing_exception");
            assertThat(r.reason()).contains("failed to parse field [weightGrams]")
                    .contains("caused by illegal_argument_exception: For input string: \"heavy\"");
            assertThat(r.reasonCode()).isEqualTo("ES_REJECTED_400_mapper_parsing_exception");
            assertThat(r.message()).contains("[parcels/SF1 v4]").contains("400").contains("weightGrams");
        });
    }

    @Test
    void aMissingIndexIsRejected() {
        DocumentWrite doc = kpi("hub-SH");

        BulkOutcome outcome = BulkOutcome.of(List.of(doc), response(failed(doc, 404, "index_not_found_exception",
                "no such index [kpis-2026.11] and [action.auto_create_index] is [false]")));

        assertThat(outcome.rejected()).singleElement()
                .satisfies(r -> assertThat(r.reasonCode()).isEqualTo("ES_REJECTED_404_index_not_found_exception"));
    }

    @Test
    void aForbiddenItemIsFatal() {
        DocumentWrite doc = parcel("SF1", 1);

        BulkOutcome outcome = BulkOutcome.of(List.of(doc), response(failed(doc, 403, "cluster_block_exception",
                "index [parcels] blocked by: [FORBIDDEN/8/index write (api)];")));

        assertThat(outcome.isFatal()).isTrue();
        assertThat(outcome.fatal()).contains("403").contains("cluster_block_exception").contains("[parcels/SF1 v1]");
    }

    @Test
    void aResponseWithTheWrongNumberOfItemsIsFatal() {
        DocumentWrite a = parcel("SF1", 1);
        DocumentWrite b = parcel("SF2", 1);

        BulkOutcome outcome = BulkOutcome.of(List.of(a, b), response(ok(a, 201)));

        assertThat(outcome.isFatal()).isTrue();
        assertThat(outcome.fatal()).contains("2 documents").contains("1 items");
    }

    @Test
    void aThrottledOrUnavailableRequestRetriesTheWholeBatch() {
        List<DocumentWrite> batch = List.of(parcel("SF1", 1), parcel("SF2", 1));
        for (int status : new int[] {429, 500, 502, 503, 504, 408}) {
            ElasticsearchException error = new ElasticsearchException("es/bulk", ErrorResponse.of(r -> r.status(status)
                    .error(e -> e.type("es_rejected_execution_exception").reason("too many requests"))));

            BulkOutcome outcome = BulkOutcome.ofFailure(batch, new CompletionException(error));

            assertThat(outcome.isFatal()).as("status %d", status).isFalse();
            assertThat(outcome.retry()).as("status %d", status).containsExactlyElementsOf(batch);
            assertThat(outcome.retryCause()).contains("HTTP " + status);
        }
    }

    @Test
    void connectionFailuresAreRetried() {
        List<DocumentWrite> batch = List.of(parcel("SF1", 1));

        assertThat(BulkOutcome.ofFailure(batch, new CompletionException(new ConnectException("Connection refused"))).retry())
                .containsExactlyElementsOf(batch);
        assertThat(BulkOutcome.ofFailure(batch, new SocketTimeoutException("60,000 MILLISECONDS")).retry())
                .containsExactlyElementsOf(batch);
    }

    @Test
    void authenticationAndAuthorizationFailuresAreFatal() {
        List<DocumentWrite> batch = List.of(parcel("SF1", 1));
        for (int status : new int[] {401, 403}) {
            ElasticsearchException error = new ElasticsearchException("es/bulk", ErrorResponse.of(r -> r.status(status)
                    .error(e -> e.type("security_exception").reason("missing authentication credentials"))));

            BulkOutcome outcome = BulkOutcome.ofFailure(batch, error);

            assertThat(outcome.isFatal()).isTrue();
            assertThat(outcome.fatal()).contains("HTTP " + status).contains("security_exception").contains("credentials");
            assertThat(outcome.retry()).isEmpty();
        }
    }

    @Test
    void otherClientErrorsOfTheWholeRequestAreFatalConfigurationProblems() {
        List<DocumentWrite> batch = List.of(parcel("SF1", 1));

        BulkOutcome outcome = BulkOutcome.ofFailure(batch, new TransportException(new StubResponse(413),
                "Request failed with status code '413'", "es/bulk"));

        assertThat(outcome.isFatal()).isTrue();
        assertThat(outcome.fatal()).contains("HTTP 413").contains("configuration problem");
    }

    @Test
    void aSuccessfulStatusWhoseBodyIsNotABulkResponseIsFatal() {
        BulkOutcome outcome = BulkOutcome.ofFailure(List.of(parcel("SF1", 1)), new TransportException(new StubResponse(200),
                "Missing [X-Elastic-Product] header.", "es/bulk"));

        assertThat(outcome.isFatal()).isTrue();
        assertThat(outcome.fatal()).contains("not an Elasticsearch bulk response");
    }

    @Test
    void aTransportStatusOf503IsRetried() {
        List<DocumentWrite> batch = List.of(parcel("SF1", 1));

        BulkOutcome outcome = BulkOutcome.ofFailure(batch, new TransportException(new StubResponse(503),
                "Request failed with status code '503'", "es/bulk"));

        assertThat(outcome.retry()).containsExactlyElementsOf(batch);
    }

    @Test
    void anUnexpectedExceptionIsFatal() {
        BulkOutcome outcome = BulkOutcome.ofFailure(List.of(parcel("SF1", 1)), new IllegalStateException("I/O reactor shut down"));

        assertThat(outcome.isFatal()).isTrue();
        assertThat(outcome.fatal()).contains("I/O reactor shut down");
    }

    @Test
    void longErrorTextsAreCut() {
        DocumentWrite doc = parcel("SF1", 1);
        String huge = "x".repeat(10_000);

        BulkOutcome outcome = BulkOutcome.of(List.of(doc), response(failed(doc, 400, "mapper_parsing_exception", huge)));

        assertThat(outcome.rejected().get(0).reason()).hasSizeLessThan(2_100).endsWith("...");
    }

    @Test
    void manyItemsKeepTheirOrder() {
        List<DocumentWrite> batch = new ArrayList<>();
        List<BulkResponseItem> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            DocumentWrite doc = parcel("SF" + i, i);
            batch.add(doc);
            items.add(i % 3 == 0 ? failed(doc, 429, "es_rejected_execution_exception", "busy") : ok(doc, 201));
        }

        BulkOutcome outcome = BulkOutcome.of(batch, response(items.toArray(BulkResponseItem[]::new)));

        assertThat(outcome.retry()).extracting(DocumentWrite::id)
                .containsExactlyElementsOf(batch.stream().filter(d -> Integer.parseInt(d.id().substring(2)) % 3 == 0)
                        .map(DocumentWrite::id).toList());
        assertThat(outcome.written()).isEqualTo(66);
    }

    /** Just enough of a transport response to carry a status code. */
    private record StubResponse(int statusCode) implements TransportHttpClient.Response {
        @Override
        public co.elastic.clients.transport.http.TransportHttpClient.Node node() {
            return null;
        }

        @Override
        public String header(String name) {
            return null;
        }

        @Override
        public List<String> headers(String name) {
            return List.of();
        }

        @Override
        public BinaryData body() throws IOException {
            return null;
        }

        @Override
        public Object originalResponse() {
            return null;
        }

        @Override
        public void close() {}
    }
}
