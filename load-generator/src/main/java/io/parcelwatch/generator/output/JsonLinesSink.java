package io.parcelwatch.generator.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes events to one JSON Lines file in the ParcelWatch format ({@link JsonLinesFormat}), with arrival times. */
public final class JsonLinesSink implements EventSink {
    private final Path path;
    private final JsonGenerator out;
    private final char[] timeBuffer = new char[24];

    public JsonLinesSink(Path path) {
        this.path = path;
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            OutputStream stream = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20);
            this.out = JsonLinesFormat.JSON.createGenerator(stream);
            out.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + path + ": " + e.getMessage(), e);
        }
    }

    /** For tests: writes to a stream. */
    public JsonLinesSink(OutputStream stream) {
        this.path = null;
        try {
            this.out = JsonLinesFormat.JSON.createGenerator(stream);
            out.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void scan(ScanEvent event, long arrivalTime) {
        try {
            JsonLinesFormat.writeScan(out, event, arrivalTime, timeBuffer);
            out.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void complaint(ComplaintEvent event, long arrivalTime) {
        try {
            JsonLinesFormat.writeComplaint(out, event, arrivalTime, timeBuffer);
            out.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "JSON Lines file " + path;
    }
}
