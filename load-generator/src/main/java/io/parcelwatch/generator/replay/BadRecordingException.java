package io.parcelwatch.generator.replay;

/** A recorded stream that cannot be read: the message names the file and the line or offset. */
public final class BadRecordingException extends Exception {
    public BadRecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
