package io.parcelwatch.io.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether the partitions a source subtask reads are far behind their ends: the job is working
 * off a backlog (after an outage, a restart from an old savepoint, a replay written ahead), or it
 * cannot keep up with live input. Consumer lag is the one sign of this that does not mislead: event
 * time racing ahead of the clock looks the same for a backlog and for a fast synthetic feed watched
 * live, and on a shared machine a busy thread looks the same as a descheduled one. Asks Kafka for the
 * end offsets of the partitions seen, asynchronously, at most once per interval; until an answer comes
 * (or if Kafka cannot answer) the last verdict stands, at first "not behind".
 *
 * <p>Behind means more than {@code behindFor} of reading at this subtask's own recent pace (records read
 * over the last {@link #PACE_WINDOW}), and more than {@code minRecords}. A count alone does not fit every rate: the
 * 20,000 records it once was are a fifth of a second at 100,000 records a second, where a fetch or two
 * would flip it, and minutes at a quiet network's pace. Lag with no progress at all (the subtask stalled, or
 * held back by the operators after it) is behind once it exceeds {@code minRecords}.
 */
public final class BacklogProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogProbe.class);
    /** More than this much reading at the current pace behind the end is a backlog; live reading is a fetch or two behind. */
    public static final Duration DEFAULT_BEHIND_FOR = Duration.ofSeconds(5);
    /** Fewer records than this behind is never a backlog, however slow the input (a trickle is seconds apart anyway). */
    public static final long DEFAULT_MIN_RECORDS = 1_000;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    /** The pace of reading is taken over at least this long ({@link ReadingPace}). */
    static final Duration PACE_WINDOW = Duration.ofSeconds(10);

    private final Admin admin;
    private final long intervalMillis;
    private final long behindForMillis;
    private final long minRecords;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private KafkaFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> asking;
    private Map<TopicPartition, Long> askedAt = Map.of();
    private long askedWall;
    private final ReadingPace pace = new ReadingPace(PACE_WINDOW);
    private boolean behind;
    private long lastLag;
    private double lastSecondsBehind;
    private boolean failureLogged;
    private long failedAnswers;

    public BacklogProbe(String bootstrapServers, String clientId, Duration interval, Duration behindFor, long minRecords) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        int requestTimeout = (int) Math.max(5_000, interval.toMillis() * 5);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, requestTimeout * 2);
        this.admin = Admin.create(props);
        this.intervalMillis = interval.toMillis();
        this.behindForMillis = behindFor.toMillis();
        this.minRecords = minRecords;
    }

    /**
     * The verdict for {@code lag} records behind, read at {@code perSecond} records a second (NaN: pace not known yet,
     * no verdict: null).
     */
    static Boolean isBehind(long lag, double perSecond, long behindForMillis, long minRecords) {
        if (lag <= minRecords) {
            return false;
        }
        if (Double.isNaN(perSecond)) {
            return null;
        }
        return lag > perSecond * behindForMillis / 1000.0;
    }

    /** Records the position of a record just read; cheap, called for every record. */
    public void read(String topic, int partition, long offset, long wallNow) {
        positions.put(new TopicPartition(topic, partition), offset + 1);
        poll(wallNow);
    }

    /** True if the last answer showed this subtask further behind the end of its input than the threshold. */
    public boolean behind() {
        return behind;
    }

    /** Questions to Kafka that got no answer (for tests and a gauge). */
    long failedAnswers() {
        return failedAnswers;
    }

    /** Records behind at the last answer (for a gauge). */
    public long lag() {
        return lastLag;
    }

    /**
     * 0 while not {@link #behind()}; else how long reading the lag at the last answer would take at the pace read before
     * it, in milliseconds, and {@link Long#MAX_VALUE} when that is not known or nothing was read.
     */
    public long millisBehind() {
        if (!behind) {
            return 0;
        }
        double millis = lastSecondsBehind * 1000;
        return Double.isFinite(millis) ? Math.max(1, Math.round(millis)) : Long.MAX_VALUE;
    }

    /**
     * How long reading the lag at the last answer would take at the pace read before it (for a gauge): infinite if nothing
     * was read over the pace's window, NaN until the pace is known (the second answer).
     */
    public double secondsBehind() {
        return lastSecondsBehind;
    }

    private void poll(long wallNow) {
        if (asking != null && asking.isDone()) {
            settle();
        }
        if (asking == null && (askedWall == 0 || wallNow - askedWall >= intervalMillis) && !positions.isEmpty()) {
            askedWall = wallNow;
            askedAt = new HashMap<>(positions);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            askedAt.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            asking = admin.listOffsets(latest).all();
        }
    }

    private void settle() {
        try {
            long lag = 0;
            for (var end : asking.get().entrySet()) {
                Long position = askedAt.get(end.getKey());
                if (position != null) {
                    lag += Math.max(0, end.getValue().offset() - position);
                }
            }
            double perSecond = pace();
            boolean wasBehind = behind;
            lastLag = lag;
            lastSecondsBehind = lag == 0 ? 0 : lag / perSecond;
            Boolean verdict = isBehind(lag, perSecond, behindForMillis, minRecords);
            behind = verdict == null ? behind : verdict;
            if (behind != wasBehind) {
                LOG.info(behind ? "{} records behind the end of the input, {} s at the pace read: working off a backlog"
                        : "{} records behind the end of the input, {} s at the pace read: reading live", lag,
                        String.format(java.util.Locale.ROOT, "%.1f", lastSecondsBehind));
            }
            failureLogged = false;
        } catch (Exception e) {
            failedAnswers++;
            if (!failureLogged) {
                LOG.warn("Cannot ask Kafka for the input's end offsets ({}); taking the input as live until it answers", e.toString());
                failureLogged = true;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        asking = null;
    }

    /** Records read per second over the last {@link #PACE_WINDOW} or more, up to this answer's question; NaN before a second answer. */
    private double pace() {
        long positionsSummed = 0;
        for (long position : askedAt.values()) {
            positionsSummed += position;
        }
        return pace.record(askedWall, positionsSummed);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
