package io.parcelwatch.io.elasticsearch;

import io.parcelwatch.io.deadletter.DeadLetters;
import io.parcelwatch.io.deadletter.KafkaDeadLetterHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * ParcelWatch's Elasticsearch sink, on Flink's async sink base and the official Java client's bulk
 * API. Build one with {@link #builder()}; the guarantees and the failure policy are described in
 * {@code docs/elasticsearch-sink.md}.
 *
 * <p>In short: at-least-once delivery (buffered documents are part of each checkpoint, in-flight
 * bulk requests finish before it completes) and an idempotent effect (every document has an id,
 * versioned documents use external versioning, so a replay or a late retry can never replace a
 * newer document by an older one). 429, 5xx and connection failures are retried with exponential
 * backoff and jitter; documents rejected for good (400, 404...) go to a
 * {@link RejectedWriteHandler} (by default the dead-letter topic) with their reason; 409 version
 * conflicts are counted and dropped; credentials problems and retries beyond
 * {@link Builder#setMaxRetryDuration} fail the job.
 *
 * @param <IN> the stream's element type, turned into a {@link DocumentWrite} by the element converter
 */
public final class ElasticsearchSink<IN> extends AsyncSinkBase<IN, DocumentWrite> {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
    public static final long DEFAULT_MAX_BATCH_SIZE_IN_BYTES = 5L * 1024 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 1;
    public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;
    public static final Duration DEFAULT_MAX_TIME_IN_BUFFER = Duration.ofSeconds(1);
    public static final long DEFAULT_MAX_RECORD_SIZE_IN_BYTES = 1024L * 1024;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final double DEFAULT_BACKOFF_JITTER = 0.5;
    public static final Duration DEFAULT_MAX_RETRY_DURATION = Duration.ofMinutes(5);

    /** Added to the worst case of one request and one backoff for Flink's own in-flight timeout. */
    private static final Duration IN_FLIGHT_TIMEOUT_MARGIN = Duration.ofSeconds(60);

    private final List<String> hosts;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryBackoff retryBackoff;
    private final Duration maxRetryDuration;
    private final RejectedWriteHandler.Factory rejectedWriteHandlerFactory;

    private ElasticsearchSink(Builder<IN> b, long maxRecordSizeInBytes, long inFlightTimeoutMs) {
        super(b.elementConverter, b.maxBatchSize, b.maxInFlightRequests, b.maxBufferedRequests, b.maxBatchSizeInBytes,
                b.maxTimeInBuffer.toMillis(), maxRecordSizeInBytes, inFlightTimeoutMs, true);
        this.hosts = List.copyOf(b.hosts);
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retryBackoff = b.retryBackoff;
        this.maxRetryDuration = b.maxRetryDuration;
        this.rejectedWriteHandlerFactory = b.rejectedWriteHandlerFactory;
    }

    public static <IN> Builder<IN> builder() {
        return new Builder<>();
    }

    @Override
    public StatefulSinkWriter<IN, BufferedRequestState<DocumentWrite>> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<IN, BufferedRequestState<DocumentWrite>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<DocumentWrite>> recoveredState) throws IOException {
        return new ElasticsearchSinkWriter<>(getElementConverter(), context, writerConfiguration(), recoveredState, this);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<DocumentWrite>> getWriterStateSerializer() {
        return new DocumentWriteStateSerializer();
    }

    AsyncSinkWriterConfiguration writerConfiguration() {
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .setRequestTimeoutMS(getRequestTimeoutMS())
                .setFailOnTimeout(getFailOnTimeout())
                .build();
    }

    List<String> hosts() {
        return hosts;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    RetryBackoff retryBackoff() {
        return retryBackoff;
    }

    Duration maxRetryDuration() {
        return maxRetryDuration;
    }

    RejectedWriteHandler.Factory rejectedWriteHandlerFactory() {
        return rejectedWriteHandlerFactory;
    }

    /**
     * Builds an {@link ElasticsearchSink}. Required: {@link #setHosts}, {@link #setElementConverter}
     * and where rejected documents go ({@link #setDeadLetterKafka} or
     * {@link #setRejectedWriteHandler}). Everything else has a default (the {@code DEFAULT_*}
     * constants of {@link ElasticsearchSink}).
     */
    public static final class Builder<IN> {
        private final List<String> hosts = new ArrayList<>();
        private ElementConverter<IN, DocumentWrite> elementConverter;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private long maxBatchSizeInBytes = DEFAULT_MAX_BATCH_SIZE_IN_BYTES;
        private int maxInFlightRequests = DEFAULT_MAX_IN_FLIGHT_REQUESTS;
        private int maxBufferedRequests = DEFAULT_MAX_BUFFERED_REQUESTS;
        private Duration maxTimeInBuffer = DEFAULT_MAX_TIME_IN_BUFFER;
        /** Null: the default, but never above the batch size in bytes. */
        private Long maxRecordSizeInBytes;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private RetryBackoff retryBackoff = new RetryBackoff(DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_BACKOFF_JITTER);
        private Duration maxRetryDuration = DEFAULT_MAX_RETRY_DURATION;
        private RejectedWriteHandler.Factory rejectedWriteHandlerFactory;

        private Builder() {}

        /** Elasticsearch HTTP addresses, e.g. {@code http://127.0.0.1:9200}; all with the same path. */
        public Builder<IN> setHosts(String... httpUrls) {
            return setHosts(List.of(httpUrls));
        }

        /** Elasticsearch HTTP addresses, e.g. {@code http://127.0.0.1:9200}; all with the same path. */
        public Builder<IN> setHosts(List<String> httpUrls) {
            hosts.clear();
            for (String url : httpUrls) {
                hosts.add(checkedHost(url));
            }
            return this;
        }

        /** Turns each element into the document to write (never null: filter before the sink). */
        public Builder<IN> setElementConverter(ElementConverter<IN, DocumentWrite> elementConverter) {
            this.elementConverter = elementConverter;
            return this;
        }

        /** Most documents in one bulk request. Default {@value ElasticsearchSink#DEFAULT_MAX_BATCH_SIZE}. */
        public Builder<IN> setMaxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** Most bytes in one bulk request (approximate). Default 5 MiB. */
        public Builder<IN> setMaxBatchSizeInBytes(long maxBatchSizeInBytes) {
            this.maxBatchSizeInBytes = maxBatchSizeInBytes;
            return this;
        }

        /**
         * Most bulk requests in flight per subtask, including those waiting for a retry.
         * Default {@value ElasticsearchSink#DEFAULT_MAX_IN_FLIGHT_REQUESTS}: with one, the writes of
         * an id reach Elasticsearch in stream order even across retries, which matters for
         * unversioned documents; versioned documents are safe with any value.
         */
        public Builder<IN> setMaxInFlightRequests(int maxInFlightRequests) {
            this.maxInFlightRequests = maxInFlightRequests;
            return this;
        }

        /**
         * Most documents buffered per subtask before the sink pushes back on its input; must be
         * larger than the batch size. Default {@value ElasticsearchSink#DEFAULT_MAX_BUFFERED_REQUESTS}.
         */
        public Builder<IN> setMaxBufferedRequests(int maxBufferedRequests) {
            this.maxBufferedRequests = maxBufferedRequests;
            return this;
        }

        /** Longest a document waits in the buffer for a batch to fill up. Default 1 s. */
        public Builder<IN> setMaxTimeInBuffer(Duration maxTimeInBuffer) {
            this.maxTimeInBuffer = positive(maxTimeInBuffer, "maxTimeInBuffer");
            return this;
        }

        /**
         * Largest single document (approximate bytes); a larger one fails the job. Default 1 MiB,
         * or the batch size in bytes if that is smaller.
         */
        public Builder<IN> setMaxRecordSizeInBytes(long maxRecordSizeInBytes) {
            this.maxRecordSizeInBytes = maxRecordSizeInBytes;
            return this;
        }

        /** Connection timeout per node. Default 5 s. */
        public Builder<IN> setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** Longest wait for (more of) a bulk response before the request counts as failed and is retried. Default 60 s. */
        public Builder<IN> setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * Backoff between retries: doubles from {@code initial} up to {@code max}, each delay
         * shortened by a random part of up to {@code jitter} (0 to 1). Default 100 ms to 30 s,
         * jitter 0.5.
         */
        public Builder<IN> setRetryBackoff(Duration initial, Duration max, double jitter) {
            this.retryBackoff = new RetryBackoff(initial, max, jitter);
            return this;
        }

        /** Backoff between retries with the default jitter of 0.5. */
        public Builder<IN> setRetryBackoff(Duration initial, Duration max) {
            return setRetryBackoff(initial, max, DEFAULT_BACKOFF_JITTER);
        }

        /**
         * How long a document may keep failing with retryable errors (429, 5xx, no connection)
         * before the job fails instead. Default 5 min.
         */
        public Builder<IN> setMaxRetryDuration(Duration maxRetryDuration) {
            this.maxRetryDuration = positive(maxRetryDuration, "maxRetryDuration");
            return this;
        }

        /** Where documents rejected for good go. */
        public Builder<IN> setRejectedWriteHandler(RejectedWriteHandler.Factory factory) {
            this.rejectedWriteHandlerFactory = factory;
            return this;
        }

        /** Rejected documents go to the dead-letter topic {@value DeadLetters#DEFAULT_TOPIC} of this Kafka cluster. */
        public Builder<IN> setDeadLetterKafka(String bootstrapServers) {
            return setDeadLetterKafka(bootstrapServers, DeadLetters.DEFAULT_TOPIC);
        }

        /** Rejected documents go to this dead-letter topic. */
        public Builder<IN> setDeadLetterKafka(String bootstrapServers, String topic) {
            return setRejectedWriteHandler(KafkaDeadLetterHandler.factory(bootstrapServers, topic));
        }

        public ElasticsearchSink<IN> build() {
            if (hosts.isEmpty()) {
                throw new IllegalStateException("setHosts: the Elasticsearch sink needs at least one host");
            }
            if (elementConverter == null) {
                throw new IllegalStateException("setElementConverter: the Elasticsearch sink needs an element converter");
            }
            if (rejectedWriteHandlerFactory == null) {
                throw new IllegalStateException("The Elasticsearch sink needs to know where documents rejected for good go:"
                        + " setDeadLetterKafka(bootstrapServers) or setRejectedWriteHandler(factory)");
            }
            checkPositive(maxBatchSize, "maxBatchSize");
            checkPositive(maxBatchSizeInBytes, "maxBatchSizeInBytes");
            checkPositive(maxInFlightRequests, "maxInFlightRequests");
            long recordSize = maxRecordSizeInBytes != null
                    ? maxRecordSizeInBytes : Math.min(DEFAULT_MAX_RECORD_SIZE_IN_BYTES, maxBatchSizeInBytes);
            checkPositive(recordSize, "maxRecordSizeInBytes");
            if (maxBufferedRequests <= maxBatchSize) {
                throw new IllegalStateException("maxBufferedRequests (" + maxBufferedRequests
                        + ") must be larger than maxBatchSize (" + maxBatchSize + ")");
            }
            if (recordSize > maxBatchSizeInBytes) {
                throw new IllegalStateException("maxRecordSizeInBytes (" + recordSize
                        + ") must not be larger than maxBatchSizeInBytes (" + maxBatchSizeInBytes + ")");
            }
            // Flink's own in-flight timeout is only a safety net: a request always ends by itself
            // (each node tried within connect + request timeout) and a backoff is at most max.
            Duration worstCase = connectTimeout.plus(requestTimeout).multipliedBy(hosts.size())
                    .plus(retryBackoff.max()).plus(IN_FLIGHT_TIMEOUT_MARGIN);
            return new ElasticsearchSink<>(this, recordSize, worstCase.toMillis());
        }

        private static String checkedHost(String url) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Not an Elasticsearch address: '" + url + "' (" + e.getMessage() + ")", e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("Not an Elasticsearch address: '" + url
                        + "'; expected http://host:port or https://host:port");
            }
            return url;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static void checkPositive(long value, String name) {
            if (value <= 0) {
                throw new IllegalStateException(name + " must be positive, was " + value);
            }
        }
    }
}
