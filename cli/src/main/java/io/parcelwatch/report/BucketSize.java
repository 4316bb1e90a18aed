package io.parcelwatch.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The step of a report's time axis. All in UTC, like the KPI windows. */
public enum BucketSize {
    HOUR("hour"),
    DAY("day"),
    /** ISO weeks (Monday to Sunday), so that a week means the same in every report. */
    WEEK("week");

    private final String noun;

    BucketSize(String noun) {
        this.noun = noun;
    }

    public String noun() {
        return noun;
    }

    /** The start of the bucket that holds {@code time}. */
    public Instant start(Instant time) {
        return switch (this) {
            case HOUR -> time.truncatedTo(ChronoUnit.HOURS);
            case DAY -> time.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> LocalDate.ofInstant(time, ZoneOffset.UTC)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }

    /** The start of the bucket after the one starting at {@code start}. */
    public Instant next(Instant start) {
        return switch (this) {
            case HOUR -> start.plus(1, ChronoUnit.HOURS);
            case DAY -> start.plus(1, ChronoUnit.DAYS);
            case WEEK -> start.plus(7, ChronoUnit.DAYS);
        };
    }

    /** A bucket is never finer than the documents it sums: an hour axis from daily documents would be mostly empty. */
    public static BucketSize atLeast(BucketSize wanted, Granularity documents) {
        if (documents == Granularity.DAY && wanted == HOUR) {
            return DAY;
        }
        return wanted;
    }
}
