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
 * off a backlog (after an outage, a restart from an old savepoint, a replay written ahead). Consumer
 * lag is the one sign of this that does not mislead: event time racing ahead of the clock looks the
 * same for a backlog and for a fast synthetic feed watched live, and on a shared machine a busy
 * thread looks the same as a descheduled one. Asks Kafka for the end offsets of the partitions seen,
 * asynchronously, at most once per interval; until an answer comes (or if Kafka cannot answer) the
 * last verdict stands, at first "not behind".
 */
public final class BacklogProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogProbe.class);
    /** More records than this waiting behind a subtask's position is a backlog; live reading is a fetch or two behind. */
    public static final long DEFAULT_BEHIND_RECORDS = 20_000;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    private final Admin admin;
    private final long intervalMillis;
    private final long behindRecords;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private KafkaFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> asking;
    private Map<TopicPartition, Long> askedAt = Map.of();
    private long askedWall;
    private boolean behind;
    private long lastLag;
    private boolean failureLogged;
    private long failedAnswers;

    public BacklogProbe(String bootstrapServers, String clientId, Duration interval, long behindRecords) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        int requestTimeout = (int) Math.max(5_000, interval.toMillis() * 5);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, requestTimeout * 2);
        this.admin = Admin.create(props);
        this.intervalMillis = interval.toMillis();
        this.behindRecords = behindRecords;
    }

    /** Records the position of a record just read; cheap, called for every record. */
    public void read(String topic, int partition, long offset, long wallNow) {
        positions.put(new TopicPartition(topic, partition), offset + 1);
        poll(wallNow);
    }

    /** True if the last answer showed more than the threshold of records behind this subtask's positions. */
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
            boolean wasBehind = behind;
            lastLag = lag;
            behind = lag > behindRecords;
            if (behind != wasBehind) {
                LOG.info(behind ? "{} records behind the end of the input: working off a backlog"
                        : "{} records behind the end of the input: reading live", lag);
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

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
