package io.parcelwatch.io;

/** The broker cannot be reached, or refused what we asked; the message says what to do. */
public final class KafkaUnavailableException extends RuntimeException {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
