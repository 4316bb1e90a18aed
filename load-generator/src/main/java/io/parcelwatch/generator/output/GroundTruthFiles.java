package io.parcelwatch.generator.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.parcelwatch.generator.anomalies.Label;
import io.parcelwatch.generator.anomalies.LabelSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The labels file and the outcomes file (JSON Lines; formats in README.md). */
public final class GroundTruthFiles {
    private GroundTruthFiles() {}

    /** Writes labels, one JSON object per line. */
    public static final class LabelWriter implements LabelSink, AutoCloseable {
        private final Path path;
        private final JsonGenerator out;
        private long count;

        public LabelWriter(Path path) {
            this.path = path;
            this.out = open(path);
        }

        @Override
        public void accept(Label label) {
            try {
                out.writeStartObject();
                out.writeStringField("kind", label.kind().name());
                out.writeStringField("parcelId", label.parcelId());
                out.writeStringField("facilityId", label.facilityId());
                out.writeStringField("regionId", label.regionId());
                out.writeStringField("from", Iso8601.format(label.from()));
                out.writeStringField("until", label.until() == null ? null : Iso8601.format(label.until()));
                out.writeObjectFieldStart("details");
                for (Map.Entry<String, Object> e : label.details().entrySet()) {
                    Object v = e.getValue();
                    switch (v) {
                        case null -> out.writeNullField(e.getKey());
                        case Integer i -> out.writeNumberField(e.getKey(), i);
                        case Long l -> out.writeNumberField(e.getKey(), l);
                        case Double d -> out.writeNumberField(e.getKey(), d);
                        default -> out.writeStringField(e.getKey(), v.toString());
                    }
                }
                out.writeEndObject();
                if (label.detectableFrom() != null) {
                    out.writeStringField("detectableFrom", Iso8601.format(label.detectableFrom()));
                }
                out.writeBooleanField("detectable", label.detectable());
                out.writeEndObject();
                out.writeRaw('\n');
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write to " + path + ": " + e.getMessage(), e);
            }
        }

        public long count() {
            return count;
        }

        public Path path() {
            return path;
        }

        @Override
        public void close() {
            finish(out, path);
        }
    }

    /** Writes one outcome per parcel, one JSON object per line. */
    public static final class OutcomeWriter implements OutcomeSink, AutoCloseable {
        private final Path path;
        private final JsonGenerator out;
        private final char[] buffer = new char[24];
        private long count;

        public OutcomeWriter(Path path) {
            this.path = path;
            this.out = open(path);
        }

        @Override
        public void accept(Outcome o) {
            try {
                out.writeStartObject();
                out.writeStringField("parcelId", o.parcelId());
                out.writeStringField("serviceLevel", o.serviceLevel());
                out.writeStringField("category", o.category());
                out.writeArrayFieldStart("route");
                for (String hub : o.route()) {
                    out.writeString(hub);
                }
                out.writeEndArray();
                out.writeStringField("originFacilityId", o.originFacilityId());
                out.writeStringField("destinationFacilityId", o.destinationFacilityId());
                time("createdAt", o.createdAt());
                time("promisedDeliveryTime", o.promisedDeliveryTime());
                if (o.deliveredAt() == null) {
                    out.writeNullField("deliveredAt");
                } else {
                    time("deliveredAt", o.deliveredAt());
                }
                out.writeStringField("finalStatus", o.finalStatus());
                out.writeBooleanField("late", o.late());
                out.writeStringField("deliveryMethod", o.deliveryMethod());
                out.writeBooleanField("doorDeliveryRequested", o.doorDeliveryRequested());
                out.writeEndObject();
                out.writeRaw('\n');
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write to " + path + ": " + e.getMessage(), e);
            }
        }

        private void time(String field, long millis) throws IOException {
            out.writeFieldName(field);
            Iso8601.write(millis, buffer);
            out.writeString(buffer, 0, 24);
        }

        public long count() {
            return count;
        }

        public Path path() {
            return path;
        }

        @Override
        public void close() {
            finish(out, path);
        }
    }

    private static JsonGenerator open(Path path) {
        try {
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            OutputStream stream = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
            JsonGenerator g = JsonLinesFormat.JSON.createGenerator(stream);
            g.setRootValueSeparator(null);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + path + ": " + e.getMessage(), e);
        }
    }

    private static void finish(JsonGenerator g, Path path) {
        try {
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish " + path + ": " + e.getMessage(), e);
        }
    }
}
