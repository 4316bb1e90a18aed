package io.parcelwatch.io.elasticsearch;

import java.util.Locale;

/**
 * A document Elasticsearch refused for good (e.g. HTTP 400 {@code mapper_parsing_exception}, 404
 * {@code index_not_found_exception}): retrying the same bytes would fail the same way.
 *
 * @param document  what was sent
 * @param status    the item's HTTP status
 * @param errorType Elasticsearch's error type, e.g. {@code strict_dynamic_mapping_exception}
 * @param reason    Elasticsearch's explanation, including the root cause when it differs
 */
public record RejectedWrite(DocumentWrite document, int status, String errorType, String reason) {

    public RejectedWrite {
        if (document == null) {
            throw new IllegalArgumentException("document must be given");
        }
        errorType = errorType == null || errorType.isBlank() ? "unknown_error" : errorType;
        reason = reason == null ? "" : reason;
    }

    /**
     * Machine-readable reason code: {@code ES_REJECTED_<status>_<error type>}, e.g.
     * {@code ES_REJECTED_400_mapper_parsing_exception}.
     */
    public String reasonCode() {
        return "ES_REJECTED_" + status + "_" + errorType.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** For people: which document, what Elasticsearch said. */
    public String message() {
        return "Elasticsearch rejected document " + document.describe() + " with status " + status + " " + errorType
                + (reason.isEmpty() ? "" : ": " + reason);
    }
}
