package io.parcelwatch.io;

/**
 * A message could not be decoded. Checked on purpose: callers must decide where bad input goes
 * (a dead-letter topic), so that one bad record can never kill a job.
 */
public final class AvroDecodeException extends Exception {
    private final DecodeFailure failure;

    public AvroDecodeException(DecodeFailure failure, String message, Throwable cause) {
        super(failure + ": " + message, cause);
        this.failure = failure;
    }

    public DecodeFailure failure() {
        return failure;
    }
}
