package io.parcelwatch.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A labels file in the load generator's documented JSON Lines format: one injected anomaly per line,
 * {@code {"kind", "parcelId", "facilityId", "regionId", "from", "until", "details", "detectable"}} with ISO-8601 times.
 * Any system that exports its known incidents in this format can be scored.
 */
public final class GroundTruth {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One label. {@code until} is null when the condition never stops within the stream; {@code detectable}
     * is false when the stream could not reveal it (it ends too soon after a silence began, or the anomaly
     * is too small to stand out); absent in the file means true.
     */
    public record Label(String kind, String parcelId, String facilityId, String regionId, Instant from, Instant until,
                        boolean detectable) {
        public Label(String kind, String parcelId, String facilityId, String regionId, Instant from, Instant until) {
            this(kind, parcelId, facilityId, regionId, from, until, true);
        }
    }

    private GroundTruth() {}

    public static List<Label> read(Path file) throws IOException {
        List<Label> labels = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(line);
                    labels.add(new Label(text(node, "kind"), text(node, "parcelId"), text(node, "facilityId"),
                            text(node, "regionId"), Instant.parse(node.path("from").asText()),
                            node.hasNonNull("until") ? Instant.parse(node.get("until").asText()) : null,
                            node.path("detectable").asBoolean(true)));
                } catch (RuntimeException | IOException e) {
                    throw new IOException(file + " line " + number + " is not a label (" + e.getMessage() + "): " + abbreviate(line), e);
                }
            }
        }
        return labels;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String abbreviate(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
