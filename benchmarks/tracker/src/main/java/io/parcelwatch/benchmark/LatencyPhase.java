package io.parcelwatch.benchmark;

import io.parcelwatch.config.TrackerSettings;
import io.parcelwatch.tracking.ParcelDocument;
import io.parcelwatch.tracking.TrackerJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Phase 4: the tracker fed live, on a fresh topic, by the load generator paced at a given rate, while
 * {@link LatencyProbe} measures how long each sampled scan takes to show in Elasticsearch.
 */
final class LatencyPhase {
    private static final Duration FIRST_RECORD_TIMEOUT = Duration.ofMinutes(5);

    /**
     * @param generator       the command that runs the load generator (./parcelwatch)
     * @param rate            events per second for the generator
     * @param warmUp          how long to generate after the first record arrived before the measured stretch
     * @param duration        how long the measured stretch lasts
     * @param eventsPerParcel to size the generator's run so it cannot end before {@code duration}
     */
    record Plan(String topic, String complaintsTopic, String generator, double rate, Duration warmUp, Duration duration, double eventsPerParcel,
                int sampleEvery, Duration visibilityTimeout) {}

    private LatencyPhase() {}

    static LatencyFigures run(BenchContext ctx, Plan plan) throws Exception {
        try (BenchTopics topics = new BenchTopics(ctx.kafka())) {
            topics.recreate(List.of(plan.topic(), plan.complaintsTopic()), ctx.partitions());
        }
        TrackerSettings settings = ctx.settings("live", plan.topic());
        TrackerPhase.prepareOutputs(ctx, settings);
        BenchJob job = BenchJob.launch(ctx, settings, "ParcelWatch benchmark: tracker, live", TrackerJob::build);
        GeneratorProcess generator = null;
        LiveConditions conditions = null;
        try (EsIndices es = new EsIndices(ctx.elasticsearch()); BenchTopics topics = new BenchTopics(ctx.kafka());
             LatencyProbe probe = new LatencyProbe(ctx.kafka(), topics.partitions(plan.topic()), es.client(), ParcelDocument.INDEX,
                     plan.sampleEvery(), plan.visibilityTimeout())) {
            job.awaitRunning(Duration.ofMinutes(2));
            long indexedBefore = es.work(ParcelDocument.INDEX).indexed();
            conditions = new LiveConditions(job, es, ParcelDocument.INDEX, TrackerJob.NAME_TRACKER, TrackerJob.NAME_PARCELS_SINK);
            probe.start();
            conditions.start();
            Path generatorDir = ctx.workDir().resolve("live-generator");
            Files.createDirectories(generatorDir);
            generator = GeneratorProcess.start(generatorCommand(ctx, plan, generatorDir), ctx.workDir().resolve("live-generator.log"));
            ctx.out().printf("    generator started at --rate %,.0f; waiting for its first record ...%n", plan.rate());
            ctx.out().flush();
            awaitFirstRecord(job, probe, generator);

            long started = System.nanoTime();
            long measuredFrom = started + plan.warmUp().toNanos();
            probe.measureFrom(measuredFrom);
            long end = measuredFrom + plan.duration().toNanos();
            long lastPrint = started;
            ThreadCpu cpuAtStart = null;
            while (System.nanoTime() < end && generator.isAlive()) {
                job.checkAlive();
                Thread.sleep(500);
                if (cpuAtStart == null && System.nanoTime() >= measuredFrom) {
                    cpuAtStart = ThreadCpu.take(es);
                }
                if (System.nanoTime() - lastPrint >= 10_000_000_000L) {
                    lastPrint = System.nanoTime();
                    ctx.out().printf("    %3.0f s: %,d records consumed by the probe%n", (lastPrint - started) / 1e9, probe.recordsSeen());
                    ctx.out().flush();
                }
            }
            long seenAtEnd = probe.recordsSeen();
            CpuUsage cpu = cpuAtStart == null ? CpuUsage.UNKNOWN : ThreadCpu.take(es).since(cpuAtStart);
            double seconds = (System.nanoTime() - started) / 1e9;
            double measuredSeconds = (System.nanoTime() - measuredFrom) / 1e9;
            generator.stop(Duration.ofSeconds(30));
            ctx.out().printf("    generator stopped after %.0f s; following the last samples until visible ...%n", seconds);
            ctx.out().flush();
            LatencyProbe.Result result = probe.finish();
            conditions.close();
            List<LiveConditions.Reading> readings = conditions.readings();
            long mostBehind = LiveConditions.mostBehind(readings, measuredFrom);
            printTimeline(ctx, job, started, readings, result.each());
            long events = topics.recordCount(plan.topic());
            Thread.sleep(Math.max(2500, BenchFlinkConfig.METRICS_REFRESH.toMillis() + 1000)); // the last scheduled status writes and one more metric fetch
            long sinkCounter = TrackerPhase.parcelDocumentsWritten(job);
            Predictions predictions = Predictions.read(job, job.vertex(TrackerJob.NAME_PARCELS_SINK));
            // Elasticsearch's own count of the writes to the index during this phase: the sink counter read
            // here has come out 0 although documents were written (not explained yet), so it is only shown.
            long written = es.work(ParcelDocument.INDEX).indexed() - indexedBefore;
            ctx.out().printf("    %,d samples, %,d visible (warm-up: %,d, %,d visible); %,d events on the topic, %,d parcel document "
                    + "writes (Elasticsearch index_total during the phase; the sink's counter says %,d)%n", result.measured().samples(),
                    result.measured().visible(), result.warmUp().samples(), result.warmUp().visible(), events, written, sinkCounter);
            return new LatencyFigures(plan.rate(), seenAtEnd / seconds, plan.warmUp(), measuredSeconds, events, result, plan.sampleEvery(),
                    plan.visibilityTimeout(), written, predictions, cpu, mostBehind);
        } finally {
            if (conditions != null) {
                conditions.close();
            }
            if (generator != null) {
                generator.stop(Duration.ofSeconds(10));
            }
            job.cancel();
        }
    }

    private static void printTimeline(BenchContext ctx, BenchJob job, long started, List<LiveConditions.Reading> readings,
                                      List<LiveTimeline.Visible> visible) throws Exception {
        long wall = System.currentTimeMillis();
        long nanos = System.nanoTime();
        List<LiveTimeline.Checkpoint> checkpoints = LiveTimeline.checkpoints(job.rest().checkpoints(job.id()), wall, nanos);
        ctx.out().println("    the live run step by step:");
        for (String line : LiveTimeline.render(started, readings, visible, checkpoints, job.vertex(TrackerJob.NAME_TRACKER).parallelism(),
                job.vertex(TrackerJob.NAME_PARCELS_SINK).parallelism())) {
            ctx.out().println("    " + line);
        }
        ctx.out().flush();
    }

    private static List<String> generatorCommand(BenchContext ctx, Plan plan, Path dir) {
        // Enough parcels that the generator cannot run out before the run ends (it is stopped then).
        long seconds = plan.warmUp().toSeconds() + plan.duration().toSeconds();
        long parcels = Math.max(1000, (long) Math.ceil(2 * plan.rate() * seconds / plan.eventsPerParcel()));
        return List.of(plan.generator(), "generate", "--output", "kafka",
                "--bootstrap-servers", ctx.kafka(), "--scans-topic", plan.topic(), "--complaints-topic", plan.complaintsTopic(),
                "--partitions", Integer.toString(ctx.partitions()), "--parcels", Long.toString(parcels),
                "--rate", Long.toString(Math.round(plan.rate())), "--seed", "2", "--out-dir", dir.toString(), "--quiet");
    }

    private static void awaitFirstRecord(BenchJob job, LatencyProbe probe, GeneratorProcess generator) throws Exception {
        long deadline = System.nanoTime() + FIRST_RECORD_TIMEOUT.toNanos();
        while (probe.recordsSeen() == 0) {
            job.checkAlive();
            if (!generator.isAlive()) {
                throw new IllegalStateException("The load generator ended before sending anything; see " + generator.log() + ":\n"
                        + tail(generator.log()));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No record from the load generator within " + FIRST_RECORD_TIMEOUT.toMinutes()
                        + " min; see " + generator.log());
            }
            Thread.sleep(200);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
