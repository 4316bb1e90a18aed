package io.parcelwatch.localstack;

/**
 * A local Kafka broker or Elasticsearch node could not be started, reached or stopped. The message
 * always says what went wrong and what to do about it (free a port, install a JDK 21+, read a log).
 */
public class LocalStackException extends RuntimeException {
    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
