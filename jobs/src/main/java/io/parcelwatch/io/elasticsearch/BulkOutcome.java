package io.parcelwatch.io.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What became of one bulk request, document by document. This is the sink's whole failure policy
 * in one place:
 *
 * <ul>
 *   <li>2xx: written.
 *   <li>409 {@code version_conflict_engine_exception} on an externally versioned write: the stored
 *       document is as new or newer; counted as a conflict and dropped, not an error.
 *   <li>408, 429 and 5xx (per item or for the whole request) and connection failures: retried
 *       with backoff.
 *   <li>401 and 403 (per item or for the whole request): fatal, the job fails; retrying cannot fix
 *       credentials or permissions.
 *   <li>Any other 4xx for an item (400 mapping or parse errors, 404 missing index, 409 without a
 *       version...): rejected for good and handed to the {@link RejectedWriteHandler}.
 *   <li>Any other status for the request as a whole (e.g. 404 for a wrong URL path, 413 for a too
 *       large request), a response that is not an Elasticsearch bulk response, or an item count
 *       that does not match: fatal, a configuration problem.
 * </ul>
 */
final class BulkOutcome {
    /** How many characters of an error text to keep. */
    private static final int MAX_DESCRIPTION = 2_000;

    private int written;
    private int conflicts;
    private final List<DocumentWrite> retry = new ArrayList<>();
    private final List<RejectedWrite> rejected = new ArrayList<>();
    private String retryCause;
    private String fatal;

    private BulkOutcome() {}

    /** Classifies each item of a bulk response; {@code batch} is the request's documents, in order. */
    static BulkOutcome of(List<DocumentWrite> batch, BulkResponse response) {
        BulkOutcome outcome = new BulkOutcome();
        List<BulkResponseItem> items = response.items();
        if (items.size() != batch.size()) {
            outcome.fatal = "Elasticsearch answered a bulk request of " + batch.size() + " documents with " + items.size()
                    + " items; the response cannot be matched to the documents";
            return outcome;
        }
        for (int i = 0; i < items.size(); i++) {
            outcome.classifyItem(batch.get(i), items.get(i));
            if (outcome.fatal != null) {
                break;
            }
        }
        return outcome;
    }

    /** Classifies a bulk request that failed as a whole (no per-item response). */
    static BulkOutcome ofFailure(List<DocumentWrite> batch, Throwable error) {
        BulkOutcome outcome = new BulkOutcome();
        Throwable cause = unwrap(error);
        Integer status = statusOf(cause);
        String description = describe(cause, status);
        if (status == null) {
            if (cause instanceof IOException) {
                // Connection refused or reset, timeouts, DNS: the node may come back.
                outcome.retryAll(batch, description);
            } else {
                outcome.fatal = "bulk request failed unexpectedly: " + description;
            }
        } else if (isRetryable(status)) {
            outcome.retryAll(batch, description);
        } else if (status == 401 || status == 403) {
            outcome.fatal = "Elasticsearch refused the bulk request: " + description
                    + ". Check the sink's hosts, credentials and the role's index privileges; retrying cannot fix this";
        } else if (status >= 200 && status < 300) {
            outcome.fatal = "the answer to a bulk request is not an Elasticsearch bulk response: " + description
                    + ". Check that the sink's hosts point to Elasticsearch";
        } else {
            outcome.fatal = "Elasticsearch refused the bulk request as a whole: " + description
                    + ". This is a configuration problem (e.g. a wrong URL path or a request larger than"
                    + " http.max_content_length), not a problem of one document";
        }
        return outcome;
    }

    private void classifyItem(DocumentWrite document, BulkResponseItem item) {
        int status = item.status();
        ErrorCause error = item.error();
        if (status >= 200 && status < 300) {
            written++;
        } else if (status == 409 && document.hasExternalVersion() && error != null
                && "version_conflict_engine_exception".equals(error.type())) {
            conflicts++;
        } else if (isRetryable(status)) {
            retry.add(document);
            if (retryCause == null) {
                retryCause = "item " + document.describe() + ": HTTP " + status + " " + describe(error);
            }
        } else if (status == 401 || status == 403) {
            fatal = "Elasticsearch refused to write " + document.describe() + ": HTTP " + status + " " + describe(error)
                    + ". Check the sink's credentials, the role's index privileges and index blocks; retrying cannot fix this";
        } else {
            rejected.add(new RejectedWrite(document, status, error == null ? null : error.type(), reasonOf(error)));
        }
    }

    private void retryAll(List<DocumentWrite> batch, String description) {
        retry.addAll(batch);
        retryCause = description;
    }

    static boolean isRetryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** Documents written (2xx). */
    int written() {
        return written;
    }

    /** Externally versioned documents that a newer (or the same) version had already replaced. */
    int conflicts() {
        return conflicts;
    }

    /** Documents to send again after a backoff, in their original order. */
    List<DocumentWrite> retry() {
        return Collections.unmodifiableList(retry);
    }

    /** Why the first document to retry failed (or the whole request), for logs and the fatal message. */
    String retryCause() {
        return retryCause;
    }

    /** Documents rejected for good. */
    List<RejectedWrite> rejected() {
        return Collections.unmodifiableList(rejected);
    }

    /** Set if the job must fail: what went wrong, for people. */
    String fatal() {
        return fatal;
    }

    boolean isFatal() {
        return fatal != null;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The HTTP status a failure carries, or null if it never got a response. */
    private static Integer statusOf(Throwable error) {
        if (error instanceof ElasticsearchException e) {
            return e.status();
        }
        if (error instanceof TransportException e) {
            return e.response() == null ? null : e.statusCode();
        }
        if (error instanceof ResponseException e) {
            return e.getResponse().getStatusCode();
        }
        return null;
    }

    private static String describe(Throwable error, Integer status) {
        String text;
        if (error instanceof ElasticsearchException e) {
            text = "HTTP " + e.status() + " " + describe(e.error());
        } else if (status != null) {
            text = "HTTP " + status + " " + error.getMessage();
        } else {
            text = error.toString();
        }
        return truncate(text);
    }

    private static String describe(ErrorCause error) {
        if (error == null) {
            return "(no error details)";
        }
        String reason = reasonOf(error);
        return (error.type() == null ? "unknown_error" : error.type()) + (reason.isEmpty() ? "" : ": " + reason);
    }

    /** The error's reason, followed by its cause when that says something more. */
    private static String reasonOf(ErrorCause error) {
        if (error == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(error.reason() == null ? "" : error.reason());
        ErrorCause cause = error.causedBy();
        for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.causedBy()) {
            text.append(text.isEmpty() ? "" : "; ").append("caused by ").append(cause.type());
            if (cause.reason() != null) {
                text.append(": ").append(cause.reason());
            }
        }
        return truncate(text.toString());
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION) + "...";
    }
}
