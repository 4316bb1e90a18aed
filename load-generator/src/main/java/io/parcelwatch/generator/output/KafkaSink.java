package io.parcelwatch.generator.output;

import io.parcelwatch.io.KafkaUnavailableException;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Sends events to Kafka: scans to the scans topic keyed by parcelId, complaint events to the
 * complaints topic keyed by complaintId; values in Avro single-object encoding ({@link AvroCodec});
 * record timestamp = the event time. Keys decide partitions, so each parcel's events stay in order.
 *
 * <p>With one sender thread the calling thread encodes and sends. With more, events are handed over
 * in chunks to sender threads chosen by a hash of the key, each with its own codec and producer:
 * a parcel's events always go through the same thread, in order.
 */
public final class KafkaSink implements EventSink {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaSink.class);
    private static final int CHUNK = 512;
    private static final Object[] END = new Object[0];

    private final KafkaSettings settings;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final LongAdder acknowledged = new LongAdder();
    private final Callback callback = new Callback() {
        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            } else {
                acknowledged.increment();
            }
        }
    };
    private final Sender inline;
    private final Worker[] workers;

    public KafkaSink(KafkaSettings settings) {
        this(settings, null);
    }

    /** For tests: a producer factory (e.g. a MockProducer). */
    KafkaSink(KafkaSettings settings, java.util.function.Supplier<Producer<byte[], byte[]>> producers) {
        this.settings = settings;
        java.util.function.Supplier<Producer<byte[], byte[]>> factory = producers != null ? producers
                : () -> new KafkaProducer<>(settings.producerConfig());
        if (settings.senderThreads() == 1) {
            inline = new Sender(factory.get());
            workers = null;
        } else {
            inline = null;
            workers = new Worker[settings.senderThreads()];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(new Sender(factory.get()), i);
                workers[i].thread.start();
            }
        }
    }

    /** Encodes and sends; one per thread. */
    private final class Sender {
        final Producer<byte[], byte[]> producer;
        final AvroCodec<ScanEvent> scans = AvroCodec.scanEvents();
        final AvroCodec<ComplaintEvent> complaints = AvroCodec.complaintEvents();

        Sender(Producer<byte[], byte[]> producer) {
            this.producer = producer;
        }

        void sendScan(long timestamp, byte[] key, byte[] value) {
            try {
                producer.send(new ProducerRecord<>(settings.scansTopic(), null, timestamp, key, value), callback);
            } catch (TimeoutException e) {
                failure.compareAndSet(null, e);
            }
        }

        void send(Object event) {
            ProducerRecord<byte[], byte[]> record;
            if (event instanceof Encoded e) {
                record = new ProducerRecord<>(settings.scansTopic(), null, e.timestamp, e.key, e.value);
            } else if (event instanceof ScanEvent scan) {
                record = new ProducerRecord<>(settings.scansTopic(), null, scan.getEventTime().toEpochMilli(),
                        scan.getParcelId().getBytes(StandardCharsets.UTF_8), scans.encode(scan));
            } else {
                ComplaintEvent complaint = (ComplaintEvent) event;
                record = new ProducerRecord<>(settings.complaintsTopic(), null, complaint.getEventTime().toEpochMilli(),
                        complaint.getComplaintId().getBytes(StandardCharsets.UTF_8), complaints.encode(complaint));
            }
            try {
                producer.send(record, callback);
            } catch (TimeoutException e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private final class Worker implements Runnable {
        final Sender sender;
        final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(16);
        final Thread thread;
        Object[] chunk = new Object[CHUNK];
        int filled;

        Worker(Sender sender, int index) {
            this.sender = sender;
            this.thread = new Thread(this, "kafka-sender-" + index);
            thread.setDaemon(true);
        }

        void add(Object event) {
            chunk[filled++] = event;
            if (filled == CHUNK) {
                hand(chunk);
                chunk = new Object[CHUNK];
                filled = 0;
            }
        }

        void hand(Object[] events) {
            try {
                while (!queue.offer(events, 200, TimeUnit.MILLISECONDS)) {
                    if (!thread.isAlive()) {
                        check();
                        throw new IllegalStateException(thread.getName() + " stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailableException("interrupted while sending to Kafka", e);
            }
        }

        void finish() {
            if (filled > 0) {
                Object[] rest = new Object[filled];
                System.arraycopy(chunk, 0, rest, 0, filled);
                hand(rest);
                filled = 0;
            }
            hand(END);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Object[] events = queue.take();
                    if (events == END) {
                        return;
                    }
                    for (Object event : events) {
                        sender.send(event);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    /** A scan already encoded (by the generating thread), ready to send. */
    private record Encoded(long timestamp, byte[] key, byte[] value) {
    }

    /** Scans encoded both ways and compared before the fast encoder is trusted alone. */
    static final int VERIFY_FIRST = 2000;
    private ScanEncoder encoder;
    private boolean encoderChecked;
    private long verified;
    private final AvroCodec<ScanEvent> checkCodec = AvroCodec.scanEvents();

    @Override
    public void scan(io.parcelwatch.generator.sim.PendingScan scan, long arrivalTime) {
        if (!encoderChecked) {
            encoder = ScanEncoder.forSchemaOf(scan.factory(), scan);
            encoderChecked = true;
            if (encoder == null) {
                LOG.warn("The ScanEvent schema changed since the fast encoder was written; encoding with AvroCodec (slower)");
            }
        }
        if (encoder == null) {
            scan(scan.toRecord(), arrivalTime);
            return;
        }
        byte[] value = encoder.encode(scan);
        if (verified < VERIFY_FIRST) {
            verified++;
            if (!java.util.Arrays.equals(value, checkCodec.encode(scan.toRecord()))) {
                LOG.warn("The fast encoder disagrees with AvroCodec on {}; encoding with AvroCodec from now on", scan.toRecord().getEventId());
                encoder = null;
                scan(scan.toRecord(), arrivalTime);
                return;
            }
        }
        var plan = scan.plan();
        byte[] key = new byte[plan.ids().parcelIdLength()];
        plan.ids().writeParcelId(plan.index(), key, 0);
        if (inline != null) {
            inline.sendScan(scan.eventTime(), key, value);
        } else {
            workers[worker(key)].add(new Encoded(scan.eventTime(), key, value));
        }
    }

    @Override
    public void scan(ScanEvent event, long arrivalTime) {
        if (inline != null) {
            inline.send(event);
        } else {
            workers[worker(event.getParcelId().getBytes(StandardCharsets.UTF_8))].add(event);
        }
    }

    @Override
    public void complaint(ComplaintEvent event, long arrivalTime) {
        if (inline != null) {
            inline.send(event);
        } else {
            workers[worker(event.getComplaintId().getBytes(StandardCharsets.UTF_8))].add(event);
        }
    }

    /** The sender thread of a key: always the same one for the same key, whichever way the event was encoded. */
    private int worker(byte[] key) {
        return Math.floorMod(java.util.Arrays.hashCode(key), workers.length);
    }

    /** Records acknowledged by the broker so far. */
    public long acknowledged() {
        return acknowledged.sum();
    }

    @Override
    public void check() {
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaUnavailableException("Sending to Kafka at " + settings.bootstrapServers() + " failed: " + e.getMessage()
                    + (e instanceof TimeoutException ? "\nThe broker stopped answering; is it still running?" : ""), e);
        }
    }

    @Override
    public void close() {
        List<Producer<byte[], byte[]>> producers = new ArrayList<>();
        if (inline != null) {
            producers.add(inline.producer);
        } else {
            for (Worker w : workers) {
                w.finish();
            }
            for (Worker w : workers) {
                try {
                    w.thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                producers.add(w.sender.producer);
            }
        }
        for (Producer<byte[], byte[]> p : producers) {
            try {
                p.flush();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }
        for (Producer<byte[], byte[]> p : producers) {
            p.close(java.time.Duration.ofSeconds(30));
        }
        LOG.info("Kafka sink closed: {} records acknowledged by {}", acknowledged(), settings.bootstrapServers());
        check();
    }

    @Override
    public String describe() {
        return "Kafka " + settings.bootstrapServers() + " (topics '" + settings.scansTopic() + "' and '" + settings.complaintsTopic() + "')";
    }
}
