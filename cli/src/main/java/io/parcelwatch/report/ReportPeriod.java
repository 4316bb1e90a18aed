package io.parcelwatch.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a report covers: {@code [from, to)} in UTC. KPI documents belong to it when their window starts in it.
 */
public record ReportPeriod(Instant from, Instant to) {
    /** Up to this long, hourly documents and an hourly axis; the daily ones would give a handful of points. */
    static final Duration HOURLY_UP_TO = Duration.ofDays(3);
    /** Up to this long (two months), one point per day stays readable; beyond it, weeks. */
    static final Duration DAILY_UP_TO = Duration.ofDays(62);

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?[Qq]([1-4])");
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME_LABEL = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    public ReportPeriod {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("The period is empty: " + from + " is not before " + to);
        }
    }

    /** {@code from} and {@code to} each an ISO date (midnight UTC) or date-time (UTC unless it has an offset). */
    public static ReportPeriod parse(String from, String to) {
        return new ReportPeriod(parseTime(from, "--from"), parseTime(to, "--to"));
    }

    /** A calendar quarter such as {@code 2026Q3} (also {@code 2026-Q3}): 1 Jul 2026 to 1 Oct 2026. */
    public static ReportPeriod quarter(String text) {
        Matcher m = QUARTER.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--quarter must look like 2026Q3, not '" + text + "'");
        }
        LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), 3 * Integer.parseInt(m.group(2)) - 2, 1);
        return new ReportPeriod(start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                start.plusMonths(3).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    static Instant parseTime(String text, String option) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException withoutOffset) {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO date (2026-07-01) or date-time (2026-07-01T06:00Z), not '"
                    + text + "'");
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** Which documents {@code auto} reads: hourly for a short period, daily otherwise. */
    public Granularity autoGranularity() {
        return length().compareTo(HOURLY_UP_TO) <= 0 ? Granularity.HOUR : Granularity.DAY;
    }

    /** The step of the time axis for this period, never finer than the documents read. */
    public BucketSize bucketSize(Granularity documents) {
        BucketSize wanted = length().compareTo(HOURLY_UP_TO) <= 0 ? BucketSize.HOUR
                : length().compareTo(DAILY_UP_TO) <= 0 ? BucketSize.DAY : BucketSize.WEEK;
        return BucketSize.atLeast(wanted, documents);
    }

    public boolean contains(Instant time) {
        return !time.isBefore(from) && time.isBefore(to);
    }

    private boolean wholeDays() {
        return from.truncatedTo(ChronoUnit.DAYS).equals(from) && to.truncatedTo(ChronoUnit.DAYS).equals(to);
    }

    /** For people: "1 Jul 2026 – 30 Sep 2026 (92 days)"; whole days are shown inclusive, times as they are. */
    public String label() {
        if (wholeDays()) {
            long days = length().toDays();
            String first = DAY_LABEL.format(from.atOffset(ZoneOffset.UTC));
            String last = DAY_LABEL.format(to.minus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));
            return (days == 1 ? first : first + " – " + last) + " (" + days + (days == 1 ? " day)" : " days)");
        }
        return TIME_LABEL.format(from.atOffset(ZoneOffset.UTC)) + " – " + TIME_LABEL.format(to.atOffset(ZoneOffset.UTC)) + " UTC";
    }

    /** For file names: the dates as given ({@code to} exclusive), or compact date-times when not whole days. */
    public String fileLabel() {
        return fileTime(from) + "-" + fileTime(to);
    }

    private String fileTime(Instant time) {
        return wholeDays() ? LocalDate.ofInstant(time, ZoneOffset.UTC).toString()
                : DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").format(time.atOffset(ZoneOffset.UTC));
    }
}
