package io.parcelwatch.benchmark;

/**
 * How metrics are named in Flink's REST API for a vertex's subtasks: task metrics by their plain name,
 * operator metrics as {@code <operator name, spaces and colons as underscores>.<metric>}.
 */
final class FlinkMetricNames {
    /** Records a task took in from the network: for a keyed vertex, the records keyed to it. */
    static final String TASK_RECORDS_IN = "numRecordsIn";
    /** Milliseconds the task spent busy (not idle, not back-pressured) since it started. */
    static final String TASK_BUSY_TIME = "accumulateBusyTimeMs";
    /** Timers the task fired (all operators of the chain). */
    static final String TASK_FIRED_TIMERS = "numFiredTimers";

    private FlinkMetricNames() {}

    /** The source operator's output count: records read from Kafka and emitted into the job. */
    static boolean isSourceRecordsOut(String name) {
        return name.startsWith("Source__") && name.endsWith(".numRecordsOut") && name.indexOf('.') == name.lastIndexOf('.');
    }

    /** The source operator's records not yet read from Kafka (its lag), e.g. {@code Source__x.pendingRecords}. */
    static boolean isSourcePendingRecords(String name) {
        return name.startsWith("Source__") && name.endsWith(".pendingRecords") && name.indexOf('.') == name.lastIndexOf('.');
    }

    /** Per split: time paused by watermark alignment, e.g. {@code Source__x.split.topic-0.watermark.accumulatedPausedTimeMs}. */
    static boolean isSplitPausedTime(String name) {
        return name.startsWith("Source__") && name.contains(".split.") && name.endsWith(".watermark.accumulatedPausedTimeMs");
    }

    /** An operator's counter: {@code <operator>.<counter>}, for the operator whose name starts as given (sanitized). */
    static String operatorMetric(String operatorName, String counter) {
        return operatorName.replace(' ', '_').replace(':', '_') + "." + counter;
    }
}
