package io.parcelwatch.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A job started in its own mini cluster in this JVM and watched through that cluster's REST API. */
final class BenchJob {
    private final JobClient client;
    private final FlinkRest rest;
    private final String id;
    private long submittedNanos;

    private BenchJob(JobClient client, FlinkRest rest) {
        this.client = client;
        this.rest = rest;
        this.id = client.getJobID().toHexString();
    }

    /** Submits the pipeline of {@code env}; its mini cluster serves REST on {@code restPort}. */
    static BenchJob start(StreamExecutionEnvironment env, String name, int restPort) throws Exception {
        return new BenchJob(env.executeAsync(name), new FlinkRest(restPort));
    }

    /**
     * Builds a pipeline in a mini cluster with the benchmark's Flink configuration on a free REST port,
     * submits it and says so on {@code ctx.out()}. {@link #submittedNanos()} is taken just before submission.
     */
    static BenchJob launch(BenchContext ctx, io.parcelwatch.config.TrackerSettings settings, String name,
                           java.util.function.BiConsumer<StreamExecutionEnvironment, io.parcelwatch.config.TrackerSettings> pipeline)
            throws Exception {
        int port = BenchFlinkConfig.freePort();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(BenchFlinkConfig.of(settings, port));
        pipeline.accept(env, settings);
        long submitted = System.nanoTime();
        BenchJob job = start(env, name, port);
        job.submittedNanos = submitted;
        ctx.out().printf("    job %s, REST %s%n", job.id(), job.rest().base());
        return job;
    }

    /** {@link System#nanoTime()} just before the job was submitted by {@link #launch}. */
    long submittedNanos() {
        return submittedNanos;
    }

    String id() {
        return id;
    }

    FlinkRest rest() {
        return rest;
    }

    /** Waits until every task of the job runs: before that, no record can flow and no figure means anything. */
    void awaitRunning(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JobStatus status = client.getJobStatus().get();
            if (status.isTerminalState()) {
                throw new IllegalStateException("Job " + id + " ended as " + status + " before it ran; see the log file");
            }
            try {
                List<FlinkRest.Vertex> vertices = rest.vertices(id);
                if (!vertices.isEmpty() && vertices.stream().allMatch(v -> v.status().equals("RUNNING"))) {
                    return;
                }
            } catch (java.io.IOException e) {
                // the REST endpoint is still starting
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Job " + id + " was not running after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }

    /** Fails fast if the job failed while being measured, rather than waiting for a timeout. */
    void checkAlive() throws Exception {
        JobStatus status = client.getJobStatus().get();
        if (status.isTerminalState() || status == JobStatus.FAILING || status == JobStatus.RESTARTING) {
            throw new IllegalStateException("Job " + id + " is " + status + " while being measured; see the log file");
        }
    }

    FlinkRest.Vertex vertex(String nameContains) throws Exception {
        return rest.vertices(id).stream().filter(v -> v.name().contains(nameContains)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Job " + id + " has no vertex named like '" + nameContains + "'"));
    }

    /** The first metric of the vertex whose name matches; metrics appear some time after the tasks start. */
    String metricName(FlinkRest.Vertex vertex, Predicate<String> matches, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<String> names = rest.metricNames(id, vertex.id());
            for (String name : names) {
                if (matches.test(name)) {
                    return name;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Vertex '" + vertex.name() + "' reports no such metric; it has " + names);
            }
            Thread.sleep(250);
        }
    }

    List<String> metricNames(FlinkRest.Vertex vertex) throws Exception {
        return rest.metricNames(id, vertex.id());
    }

    /** The metric summed over the vertex's subtasks, or 0 while it is not reported yet. */
    long sum(FlinkRest.Vertex vertex, String metric) throws Exception {
        return Math.round(rest.sum(id, vertex.id(), List.of(metric)).getOrDefault(metric, 0.0));
    }

    Map<String, Double> sums(FlinkRest.Vertex vertex, List<String> metrics) throws Exception {
        return rest.sum(id, vertex.id(), metrics);
    }

    /**
     * Counters of the one operator in {@code vertex} that reports {@code first} (waiting for it to appear), each summed over
     * the subtasks, rounded, in the order given; a counter not reported reads 0. Operator metrics carry the operator's name
     * as a prefix, which this finds from the first counter.
     */
    long[] operatorCounters(FlinkRest.Vertex vertex, String first, List<String> counters) throws Exception {
        String found = metricName(vertex, n -> n.endsWith("." + first), Duration.ofSeconds(30));
        String operator = found.substring(0, found.length() - first.length());
        List<String> names = counters.stream().map(c -> operator + c).toList();
        Map<String, Double> sums = sums(vertex, names);
        return names.stream().mapToLong(n -> Math.round(sums.getOrDefault(n, 0.0))).toArray();
    }

    /**
     * Waits for a checkpoint triggered after {@code afterMillis} (wall time) to complete, so that its
     * sizes include everything read until then, and returns the latest completed one's figures.
     */
    CheckpointFigures awaitCheckpointAfter(long afterMillis, FlinkRest.Vertex keyed, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            checkAlive();
            JsonNode latest = rest.checkpoints(id).path("latest").path("completed");
            if (!latest.isMissingNode() && !latest.isNull() && latest.path("trigger_timestamp").asLong() > afterMillis) {
                return figures(latest, keyed);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("No checkpoint of job " + id + " completed within " + timeout.toSeconds()
                        + " s after the input was consumed");
            }
            Thread.sleep(500);
        }
    }

    private CheckpointFigures figures(JsonNode latest, FlinkRest.Vertex keyed) throws Exception {
        long checkpointId = latest.path("id").asLong();
        JsonNode counts = rest.checkpoints(id).path("counts");
        JsonNode task = rest.checkpointDetails(id, checkpointId).path("tasks").path(keyed.id());
        return new CheckpointFigures(checkpointId, counts.path("completed").asLong(), latest.path("state_size").asLong(),
                latest.path("checkpointed_size").asLong(), latest.path("end_to_end_duration").asLong(),
                task.path("state_size").asLong(-1), latest.path("trigger_timestamp").asLong());
    }

    /** Cancels the job and waits until it has stopped (its mini cluster then shuts down by itself). */
    void cancel() throws Exception {
        if (!stopped()) {
            client.cancel().get();
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (!stopped() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    /** True once the job has ended, or its mini cluster is gone, which happens right after it ends. */
    private boolean stopped() throws InterruptedException {
        try {
            return client.getJobStatus().get().isGloballyTerminalState();
        } catch (java.util.concurrent.ExecutionException | IllegalStateException e) {
            return true; // "MiniCluster is not yet running or has already been shut down"
        }
    }
}
