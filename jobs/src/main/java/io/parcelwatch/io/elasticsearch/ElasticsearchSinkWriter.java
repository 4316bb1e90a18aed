package io.parcelwatch.io.elasticsearch;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseListener;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.DequeRequestBuffer;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.SimpleBatchCreator;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of {@link ElasticsearchSink}: sends each batch as one bulk request through the
 * official low-level REST client ({@link BulkWire}) and applies {@link BulkOutcome}'s policy to the answer.
 *
 * <p>Threading: the client completes requests on its I/O threads; the writer moves each answer onto
 * the task thread (the mailbox) before looking at it, so counters, the retry bookkeeping and the
 * rejected-write handler are only ever touched by the task thread. Documents to retry stay "in
 * flight" (the checkpoint waits for them) until their backoff has passed; then they go back to the
 * head of the buffer through {@link ResultHandler#retryForEntries}, which also lets Flink's
 * congestion control shrink the batches while Elasticsearch pushes back.
 */
final class ElasticsearchSinkWriter<IN> extends AsyncSinkWriter<IN, DocumentWrite> {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

    /** Bulk latencies kept for the histogram. */
    private static final int LATENCY_WINDOW = 1024;

    private final List<String> hosts;
    private final RetryBackoff backoff;
    private final long maxRetryDurationNanos;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService timeService;
    private final RejectedWriteHandler rejectedWriteHandler;
    private final Rest5Client client;

    /** Retry bookkeeping of the documents that failed at least once, by identity. Task thread only. */
    private final Map<DocumentWrite, RetryState> retrying = new IdentityHashMap<>();

    private final Counter documentsWritten;
    private final Counter documentsRetried;
    private final Counter documentsRejected;
    private final Counter versionConflicts;
    private final Histogram bulkLatencyMs;

    private volatile boolean closed;

    ElasticsearchSinkWriter(ElementConverter<IN, DocumentWrite> elementConverter, WriterInitContext context,
                            AsyncSinkWriterConfiguration configuration, Collection<BufferedRequestState<DocumentWrite>> states,
                            ElasticsearchSink<IN> sink) throws IOException {
        super(elementConverter, context, configuration, states,
                new SimpleBatchCreator<>(configuration.getMaxBatchSizeInBytes()), new DequeRequestBuffer<>());
        this.hosts = sink.hosts();
        this.backoff = sink.retryBackoff();
        this.maxRetryDurationNanos = sink.maxRetryDuration().toNanos();
        this.mailbox = context.getMailboxExecutor();
        this.timeService = context.getProcessingTimeService();

        MetricGroup metrics = context.metricGroup();
        this.documentsWritten = metrics.counter("documentsWritten");
        this.documentsRetried = metrics.counter("documentsRetried");
        this.documentsRejected = metrics.counter("documentsRejected");
        this.versionConflicts = metrics.counter("versionConflicts");
        this.bulkLatencyMs = metrics.histogram("bulkLatencyMs", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));

        try {
            this.rejectedWriteHandler = sink.rejectedWriteHandlerFactory().create(context);
        } catch (Exception e) {
            throw new IOException("Could not create the Elasticsearch sink's rejected-write handler: " + e.getMessage(), e);
        }
        try {
            this.client = createClient(hosts, sink.connectTimeout(), sink.requestTimeout());
        } catch (RuntimeException e) {
            closeQuietly(rejectedWriteHandler, "rejected-write handler");
            throw new IOException("Could not create the Elasticsearch client for " + hosts + ": " + e.getMessage(), e);
        }
    }

    static Rest5Client createClient(List<String> hosts, Duration connectTimeout, Duration requestTimeout) {
        List<URI> uris = hosts.stream().map(URI::create).toList();
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        Timeout request = Timeout.ofMilliseconds(requestTimeout.toMillis());
        // This writer is the only place that decides about retrying, with its own backoff and
        // metrics: the Apache HTTP client's own automatic retry (once, after 1 s, on 429 and 503,
        // even for a POST) is switched off. So are redirects: a 3xx means a wrong address and fails the job.
        return Rest5Client.builder(uris)
                .setHttpClientConfigCallback(b -> b.disableAutomaticRetries().disableRedirectHandling())
                .setConnectionConfigCallback(c -> c.setConnectTimeout(connect).setSocketTimeout(request))
                .setRequestConfigCallback(r -> r.setResponseTimeout(request))
                .build();
    }

    @Override
    protected void submitRequestEntries(List<DocumentWrite> batch, ResultHandler<DocumentWrite> resultHandler) {
        long start = System.nanoTime();
        try {
            client.performRequestAsync(BulkWire.request(batch), new ResponseListener() {
                @Override
                public void onSuccess(Response response) {
                    BulkResponse answer = null;
                    Throwable error = null;
                    try {
                        answer = BulkWire.answer(response.getEntity());
                    } catch (IOException | RuntimeException e) {
                        error = BulkWire.notABulkAnswer(response, e);
                    }
                    answered(batch, resultHandler, answer, error, start);
                }

                @Override
                public void onFailure(Exception e) {
                    answered(batch, resultHandler, null, BulkWire.failure(e), start);
                }
            });
        } catch (RuntimeException e) {
            answered(batch, resultHandler, null, e, start);
        }
    }

    /** On the client's I/O thread (or the task's, if the request could not be sent): hands the answer to the task thread. */
    private void answered(List<DocumentWrite> batch, ResultHandler<DocumentWrite> resultHandler, BulkResponse response, Throwable error,
                          long start) {
        long latencyMs = (System.nanoTime() - start) / 1_000_000;
        try {
            mailbox.execute(() -> onBulkAnswer(batch, resultHandler, response, error, latencyMs), "Elasticsearch bulk answer");
        } catch (RuntimeException e) {
            // The mailbox is closed: the task is going away and its buffer is in the last checkpoint.
            LOG.debug("Dropping the answer to a bulk request of {} documents: the task is shutting down", batch.size(), e);
        }
    }

    /** On the task thread. */
    private void onBulkAnswer(List<DocumentWrite> batch, ResultHandler<DocumentWrite> resultHandler,
                              BulkResponse response, Throwable error, long latencyMs) {
        if (closed) {
            return;
        }
        bulkLatencyMs.update(latencyMs);
        BulkOutcome outcome;
        try {
            outcome = error != null ? BulkOutcome.ofFailure(batch, error) : BulkOutcome.of(batch, response);
        } catch (RuntimeException e) {
            resultHandler.completeExceptionally(new ElasticsearchSinkException(
                    "Could not read the answer to a bulk request to " + hosts + ": " + e, e));
            return;
        }
        apply(batch, resultHandler, outcome);
    }

    private void apply(List<DocumentWrite> batch, ResultHandler<DocumentWrite> resultHandler, BulkOutcome outcome) {
        if (outcome.isFatal()) {
            resultHandler.completeExceptionally(new ElasticsearchSinkException(
                    "Elasticsearch sink for " + hosts + " cannot go on: " + outcome.fatal()));
            return;
        }
        documentsWritten.inc(outcome.written());
        versionConflicts.inc(outcome.conflicts());

        List<RejectedWrite> rejected = outcome.rejected();
        if (!rejected.isEmpty()) {
            LOG.warn("Elasticsearch rejected {} of {} documents for good; handing them to the rejected-write handler. First: {}",
                    rejected.size(), batch.size(), rejected.get(0).message());
            for (RejectedWrite write : rejected) {
                try {
                    rejectedWriteHandler.onRejected(write);
                } catch (Exception e) {
                    resultHandler.completeExceptionally(new ElasticsearchSinkException(
                            "The rejected-write handler failed to take " + write.document().describe() + " (" + write.reasonCode()
                                    + "): " + e.getMessage(), e));
                    return;
                }
                documentsRejected.inc();
            }
        }

        List<DocumentWrite> retry = outcome.retry();
        forgetFinished(batch, retry);
        if (retry.isEmpty()) {
            resultHandler.complete();
            return;
        }

        long now = System.nanoTime();
        int attempt = 0;
        long firstFailure = now;
        for (DocumentWrite write : retry) {
            RetryState state = retrying.computeIfAbsent(write, w -> new RetryState(now));
            state.attempts++;
            attempt = Math.max(attempt, state.attempts);
            firstFailure = Math.min(firstFailure, state.firstFailureNanos);
        }
        long failingNanos = now - firstFailure;
        if (failingNanos > maxRetryDurationNanos) {
            resultHandler.completeExceptionally(new ElasticsearchSinkException(
                    "Elasticsearch at " + hosts + " has not accepted " + retry.size() + " document(s) (first "
                            + retry.get(0).describe() + ") for " + Duration.ofNanos(failingNanos).toMillis() + " ms over "
                            + attempt + " attempts, longer than the maximum retry duration of " + Duration.ofNanos(maxRetryDurationNanos)
                            + ". Last error: " + outcome.retryCause()
                            + ". The job fails and restarts from its last checkpoint"));
            return;
        }
        long delayMs = backoff.delayMillis(attempt);
        documentsRetried.inc(retry.size());
        LOG.warn("Retrying {} of {} documents in {} ms (attempt {}, failing for {} ms): {}",
                retry.size(), batch.size(), delayMs, attempt, failingNanos / 1_000_000, outcome.retryCause());
        List<DocumentWrite> toRetry = new ArrayList<>(retry);
        timeService.registerTimer(timeService.getCurrentProcessingTime() + delayMs,
                time -> resultHandler.retryForEntries(toRetry));
    }

    /** Drops the retry bookkeeping of documents that reached a final outcome. */
    private void forgetFinished(List<DocumentWrite> batch, List<DocumentWrite> retry) {
        if (retrying.isEmpty()) {
            return;
        }
        if (retry.isEmpty()) {
            batch.forEach(retrying::remove);
            return;
        }
        Set<DocumentWrite> retried = Collections.newSetFromMap(new IdentityHashMap<>());
        retried.addAll(retry);
        for (DocumentWrite write : batch) {
            if (!retried.contains(write)) {
                retrying.remove(write);
            }
        }
    }

    @Override
    protected long getSizeInBytes(DocumentWrite write) {
        return write.sizeInBytes();
    }

    /**
     * Before a checkpoint (and at the end of input): waits until every in-flight bulk request has
     * reached a final outcome (Flink's part), then until the rejected-write handler has made its
     * documents durable. Only then may the checkpoint that covers them complete.
     */
    @Override
    public void flush(boolean flush) throws InterruptedException {
        super.flush(flush);
        try {
            rejectedWriteHandler.flush();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new ElasticsearchSinkException("Documents rejected by Elasticsearch could not be handed on before the checkpoint: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        super.close();
        closeQuietly(client, "Elasticsearch client");
        closeQuietly(rejectedWriteHandler, "rejected-write handler");
    }

    private static void closeQuietly(AutoCloseable closeable, String what) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Could not close the Elasticsearch sink's {}", what, e);
        }
    }

    /** How often, and since when, a document has failed with a retryable error. */
    private static final class RetryState {
        final long firstFailureNanos;
        int attempts;

        RetryState(long firstFailureNanos) {
            this.firstFailureNanos = firstFailureNanos;
        }
    }
}
