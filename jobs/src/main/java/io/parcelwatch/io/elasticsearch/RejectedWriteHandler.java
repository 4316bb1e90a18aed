package io.parcelwatch.io.elasticsearch;

import java.io.Serializable;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Takes the documents that Elasticsearch rejected for good (see {@link RejectedWrite}), so that
 * they are kept somewhere with their reason instead of being retried forever or dropped silently.
 * The default is {@code io.parcelwatch.io.deadletter.KafkaDeadLetterHandler}, which publishes them
 * to the dead-letter topic.
 *
 * <p>One handler per sink writer (subtask), created in the writer by its {@link Factory}. All
 * methods are called on the task's thread. A handler may hand documents on asynchronously in
 * {@link #onRejected}, but {@link #flush()} must make everything handed over so far durable: the
 * sink calls it before each checkpoint completes and at the end of input. An exception from any
 * method fails the job (and so nothing acknowledged by a checkpoint is lost).
 */
public interface RejectedWriteHandler extends AutoCloseable {

    /** Takes one rejected document. Throwing fails the job. */
    void onRejected(RejectedWrite rejected) throws Exception;

    /** Makes everything passed to {@link #onRejected} so far durable; throws if any of it failed. */
    default void flush() throws Exception {}

    @Override
    default void close() throws Exception {}

    /** Creates the handler of one writer; serialized with the sink, called in the task. */
    @FunctionalInterface
    interface Factory extends Serializable {
        RejectedWriteHandler create(WriterInitContext context) throws Exception;
    }

    /**
     * A handler that fails the job on the first rejected document, with Elasticsearch's reason
     * (the official Flink connector's behaviour). For indices where a rejection is a bug that must
     * stop the pipeline.
     */
    static Factory failJob() {
        return context -> rejected -> {
            throw new ElasticsearchSinkException(rejected.message() + " (reason " + rejected.reasonCode()
                    + "); the sink is configured to fail the job on rejected documents");
        };
    }
}
