package io.parcelwatch.benchmark;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.AvroDecodeException;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Scan-to-visible latency, as a tracking site would see it. One thread tails the scans topic with its
 * own consumer and samples one scan in N (temperature readings are skipped: the status document does
 * not list them), noting when it saw it; another searches Elasticsearch for the sampled parcels every
 * {@value #POLL_MILLIS} ms until each sampled scan shows in its parcel's document. Searches go through
 * {@code _search} (not a real-time get), so the index's refresh interval counts, as it does for a site.
 *
 * <p>The clock starts when the probe consumed the record, a little after the generator produced it, so
 * the figures slightly understate the latency from the producer's point of view; polling adds up to
 * {@value #POLL_MILLIS} ms.
 */
final class LatencyProbe implements AutoCloseable {
    static final long POLL_MILLIS = 100;
    private static final int IDS_PER_SEARCH = 1000;
    private static final long HIGHEST_MILLIS = Duration.ofMinutes(30).toMillis();

    record Sample(String parcelId, String type, long eventTime, long seenNanos) {}

    /**
     * The samples of one stretch of the run.
     *
     * @param samples   scans sampled
     * @param visible   samples seen in Elasticsearch in time
     * @param timedOut  samples not visible within the timeout (a correction can replace a scan before it shows)
     * @param latencyMs latencies of the visible samples, in milliseconds
     */
    record Stretch(long samples, long visible, long timedOut, Histogram latencyMs) {}

    /**
     * @param recordsSeen records the probe consumed
     * @param measured    the samples seen from {@link #measureFrom} on: the figures
     * @param warmUp      the samples seen before: shown, not the figures
     * @param each        the visible samples one by one, in the order they became visible
     */
    record Result(long recordsSeen, Stretch measured, Stretch warmUp, List<LiveTimeline.Visible> each) {}

    /** Counts of one stretch; samples counted by the consumer thread, the rest by the checker. */
    private static final class Tally {
        final AtomicLong samples = new AtomicLong();
        final Histogram latencies = new Histogram(HIGHEST_MILLIS, 3);
        long timedOut;

        Stretch stretch() {
            return new Stretch(samples.get(), latencies.getTotalCount(), timedOut, latencies.copy());
        }
    }

    private final String bootstrapServers;
    private final List<TopicPartition> partitions;
    private final ElasticsearchClient es;
    private final String index;
    private final int sampleEvery;
    private final long timeoutNanos;

    private final ConcurrentLinkedQueue<Sample> sampled = new ConcurrentLinkedQueue<>();
    private final AtomicLong recordsSeen = new AtomicLong();
    private final Tally measured = new Tally();
    private final Tally warmUp = new Tally();
    private volatile long measuredFromNanos = Long.MAX_VALUE; // warm-up until measureFrom says otherwise
    private final List<Sample> waiting = new ArrayList<>(); // checker thread only
    private final List<LiveTimeline.Visible> visible = new ArrayList<>(); // checker thread only, read after it ended
    private volatile int waitingSize; // for finish(): samples the checker still follows

    private volatile boolean consuming = true;
    private volatile boolean sampling = true;
    private volatile boolean checking = true;
    private volatile Throwable failure;
    private Thread consumer;
    private Thread checker;

    LatencyProbe(String bootstrapServers, List<TopicPartition> partitions, ElasticsearchClient es, String index, int sampleEvery,
                 Duration visibilityTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
        this.es = es;
        this.index = index;
        this.sampleEvery = sampleEvery;
        this.timeoutNanos = visibilityTimeout.toNanos();
    }

    void start() {
        consumer = Thread.ofPlatform().name("latency-probe-consumer").daemon().start(this::consume);
        checker = Thread.ofPlatform().name("latency-probe-checker").daemon().start(this::check);
    }

    long recordsSeen() {
        return recordsSeen.get();
    }

    /**
     * Scans seen from {@code nanos} ({@link System#nanoTime()}) on are the figures; those seen before are the warm-up. Until
     * this is called every scan counts as warm-up: a sample is judged by its time twice (when taken, when seen or given up), and
     * both must put it in the same stretch.
     */
    void measureFrom(long nanos) {
        measuredFromNanos = nanos;
    }

    private Tally tally(Sample s) {
        return s.seenNanos() >= measuredFromNanos ? measured : warmUp;
    }

    /** From now on no new samples; the ones taken are still followed until visible or timed out. */
    void stopSampling() {
        sampling = false;
    }

    /** Waits until every sample is visible or timed out (at most the visibility timeout plus a margin). */
    Result finish() throws InterruptedException {
        stopSampling();
        long deadline = System.nanoTime() + timeoutNanos + Duration.ofSeconds(10).toNanos();
        while ((!sampled.isEmpty() || pendingOnChecker()) && System.nanoTime() < deadline && failure == null) {
            Thread.sleep(POLL_MILLIS);
        }
        consuming = false;
        checking = false;
        consumer.join(10_000);
        checker.join(10_000);
        if (failure != null) {
            throw new IllegalStateException("The latency probe failed: " + failure, failure);
        }
        for (Sample s : waiting) {
            tally(s).timedOut++; // still not visible when the probe gave up
        }
        for (Sample s : sampled) {
            tally(s).timedOut++;
        }
        return new Result(recordsSeen.get(), measured.stretch(), warmUp.stretch(), List.copyOf(visible));
    }

    private boolean pendingOnChecker() {
        return waitingSize > 0;
    }

    private void consume() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        AvroCodec<ScanEvent> codec = AvroCodec.scanEvents();
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            long sinceLastSample = 0;
            while (consuming) {
                var records = kafka.poll(Duration.ofMillis(100));
                long seen = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    recordsSeen.incrementAndGet();
                    if (!sampling || ++sinceLastSample < sampleEvery) {
                        continue;
                    }
                    ScanEvent event;
                    try {
                        event = codec.decode(record.value());
                    } catch (AvroDecodeException e) {
                        continue; // not a scan: try the next record
                    }
                    if (event.getType() == ScanType.TEMPERATURE) {
                        continue; // not listed in the status document: sample the next scan instead
                    }
                    Sample sample = new Sample(event.getParcelId(), event.getType().name(), event.getEventTime().toEpochMilli(), seen);
                    tally(sample).samples.incrementAndGet();
                    sampled.add(sample);
                    sinceLastSample = 0;
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void check() {
        try {
            while (checking) {
                long started = System.nanoTime();
                for (Sample s; (s = sampled.poll()) != null; ) {
                    waiting.add(s);
                }
                if (!waiting.isEmpty()) {
                    checkWaiting();
                }
                waitingSize = waiting.size();
                long spentMillis = (System.nanoTime() - started) / 1_000_000;
                Thread.sleep(Math.max(5, POLL_MILLIS - spentMillis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void checkWaiting() throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        for (Sample s : waiting) {
            ids.add(s.parcelId());
        }
        List<String> all = new ArrayList<>(ids);
        Map<String, ObjectNode> documents = new HashMap<>();
        long asked = System.nanoTime();
        for (int i = 0; i < all.size(); i += IDS_PER_SEARCH) {
            documents.putAll(search(all.subList(i, Math.min(all.size(), i + IDS_PER_SEARCH))));
        }
        // The search saw the index somewhere between sending and answering: take the middle.
        long visibleAt = asked + (System.nanoTime() - asked) / 2;
        for (Iterator<Sample> it = waiting.iterator(); it.hasNext(); ) {
            Sample s = it.next();
            ObjectNode document = documents.get(s.parcelId());
            if (document != null && ScanMatcher.shows(document, s.type(), s.eventTime())) {
                long latency = Math.min(HIGHEST_MILLIS, Math.max(0, (visibleAt - s.seenNanos()) / 1_000_000));
                tally(s).latencies.recordValue(latency);
                visible.add(new LiveTimeline.Visible(s.seenNanos(), latency));
                it.remove();
            } else if (visibleAt - s.seenNanos() > timeoutNanos) {
                tally(s).timedOut++;
                it.remove();
            }
        }
    }

    private Map<String, ObjectNode> search(List<String> ids) throws Exception {
        SearchResponse<ObjectNode> response;
        try {
            response = es.search(s -> s.index(index).query(q -> q.ids(i -> i.values(ids))).size(ids.size())
                    .source(src -> src.filter(f -> f.includes("scans.type", "scans.time"))), ObjectNode.class);
        } catch (ElasticsearchException e) {
            if (notVisibleYet(e.status())) {
                return Map.of();
            }
            throw e;
        } catch (TransportException e) {
            if (notVisibleYet(e.statusCode())) {
                return Map.of();
            }
            throw e;
        } catch (ResponseException e) {
            if (notVisibleYet(e.getResponse().getStatusCode())) {
                return Map.of();
            }
            throw e;
        }
        Map<String, ObjectNode> documents = new HashMap<>();
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            if (hit.source() != null) {
                documents.put(hit.id(), hit.source());
            }
        }
        return documents;
    }

    /** 404: no document written yet; 503: the new index's shard is still starting; 429: busy. Nothing to see yet, ask again. */
    private static boolean notVisibleYet(int status) {
        return status == 404 || status == 503 || status == 429;
    }

    /** Stops both threads (after {@link #finish} they have stopped already). */
    @Override
    public void close() throws InterruptedException {
        consuming = false;
        checking = false;
        if (consumer != null) {
            consumer.join(10_000);
        }
        if (checker != null) {
            checker.join(10_000);
        }
    }
}
