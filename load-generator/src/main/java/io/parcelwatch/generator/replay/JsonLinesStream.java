package io.parcelwatch.generator.replay;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.parcelwatch.generator.output.JsonLinesFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a JSON Lines file in the ParcelWatch event format ({@link JsonLinesFormat}); empty lines are skipped. */
public final class JsonLinesStream implements RecordedStream {
    private final Path path;
    private final CountingInputStream in;
    private final JsonParser parser;
    private final long size;
    private long maxEventTime = Long.MIN_VALUE;
    private long lastPace = Long.MIN_VALUE;

    public JsonLinesStream(Path path) throws IOException {
        this.path = path;
        this.size = Files.size(path);
        this.in = new CountingInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
        this.parser = JsonLinesFormat.JSON.createParser(in);
        parser.enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION.mappedFeature());
    }

    @Override
    public RecordedEvent next() throws IOException, BadRecordingException {
        JsonToken token;
        try {
            token = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw bad(e.getLocation(), "invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (token == null) {
            return null;
        }
        JsonLocation start = parser.currentTokenLocation();
        JsonLinesFormat.Parsed parsed;
        try {
            parsed = JsonLinesFormat.read(parser);
        } catch (JsonProcessingException e) {
            throw bad(e.getLocation() != null ? e.getLocation() : start, "invalid JSON: " + e.getOriginalMessage(), e);
        } catch (JsonLinesFormat.BadLineException e) {
            throw bad(start, e.getMessage(), e);
        }
        long eventTime = parsed.eventTime();
        maxEventTime = Math.max(maxEventTime, eventTime);
        long pace = parsed.arrivalTime() != null ? parsed.arrivalTime() : maxEventTime;
        pace = Math.max(pace, lastPace); // a recording is in arrival order; never go back in time
        lastPace = pace;
        String where = path + ":" + start.getLineNr();
        return new RecordedEvent(parsed.scan() != null ? parsed.scan() : parsed.complaint(), pace, where);
    }

    private BadRecordingException bad(JsonLocation at, String message, Throwable cause) {
        String position = at == null ? "" : ":" + at.getLineNr() + (at.getColumnNr() > 0 ? ":" + at.getColumnNr() : "");
        return new BadRecordingException(path + position + ": " + message
                + " (expected one ParcelWatch JSON Lines event per line; see load-generator/README.md)", cause);
    }

    @Override
    public long bytesRead() {
        return in.count;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String describe() {
        return "JSON Lines file " + path;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
