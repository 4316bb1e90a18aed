package io.parcelwatch.generator.replay;

import java.io.IOException;

/** A recorded stream of events, read in order. */
public interface RecordedStream extends AutoCloseable {
    /** The next event, or null at the end. */
    RecordedEvent next() throws IOException, BadRecordingException;

    /** Bytes read so far (for progress). */
    long bytesRead();

    /** Total bytes (for progress), or -1 if unknown. */
    long size();

    String describe();

    @Override
    void close() throws IOException;
}
