package io.parcelwatch.io.elasticsearch;

/**
 * A failure of {@link ElasticsearchSink} that retrying cannot fix (authentication, authorization,
 * an address that is not Elasticsearch, retries exhausted after the maximum retry duration, a
 * rejected-write handler that failed). It fails the job, which then restarts from its last
 * checkpoint according to the job's restart strategy.
 */
public class ElasticsearchSinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ElasticsearchSinkException(String message) {
        super(message);
    }

    public ElasticsearchSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
