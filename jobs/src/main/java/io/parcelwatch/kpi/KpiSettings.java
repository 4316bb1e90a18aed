package io.parcelwatch.kpi;

import java.io.Serializable;
import java.time.Duration;

/**
 * Service-quality KPIs and complaint deadlines.
 *
 * @param complaintsTopic   complaint events in (Avro single-object encoding, key = complaint id)
 * @param allowedLateness   how long after its end (event time, by the watermark) a window still takes late
 *                          facts; later ones go to the dead-letter topic, counted
 * @param writeInterval     a changed window's document is rewritten at most once per interval (processing time),
 *                          so dashboards see the current hour fill up
 * @param deadlineWarning   COMPLAINT_DEADLINE is raised this long before an unanswered complaint's deadline
 * @param responseDeadline  a complaint's deadline when its OPENED event names none
 * @param complaintRetention how long a complaint's state is kept after it is answered (late duplicates, closing)
 */
public record KpiSettings(String complaintsTopic, Duration allowedLateness, Duration writeInterval, Duration deadlineWarning,
                          Duration responseDeadline, Duration complaintRetention) implements Serializable {

    public static KpiSettings defaults() {
        return new KpiSettings("complaints", Duration.ofHours(6), Duration.ofSeconds(5), Duration.ofHours(2),
                Duration.ofHours(24), Duration.ofDays(2));
    }

    public KpiSettings withComplaintsTopic(String topic) {
        return new KpiSettings(topic, allowedLateness, writeInterval, deadlineWarning, responseDeadline, complaintRetention);
    }

    public KpiSettings withTimes(Duration lateness, Duration interval, Duration warning) {
        return new KpiSettings(complaintsTopic, lateness, interval, warning, responseDeadline, complaintRetention);
    }
}
