package io.parcelwatch.localstack.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parcelwatch.localstack.ChildClasspath;
import io.parcelwatch.localstack.ChildProcesses;
import io.parcelwatch.localstack.LocalStackException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Elasticsearch 9 node running as a child process of this JVM (main class
 * {@code io.parcelwatch.localstack.elasticsearch.ElasticsearchNodeMain} of the module
 * {@code parcelwatch-elasticsearch-node}). This class needs no Elasticsearch jar: the child gets its classpath from
 * {@link ChildClasspath} and is reached over HTTP only.
 *
 * <pre>{@code
 * try (var node = ElasticsearchNodeProcess.start(ElasticsearchNodeSettings.of(dir))) {
 *     URI es = node.httpUri(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * {@link #start} returns once the node is green and reports the expected cluster name. The node logs to
 * {@code <home>/logs/elasticsearch.log}; its standard output and error go to {@code <home>/logs/console.log}.
 */
public final class ElasticsearchNodeProcess implements AutoCloseable {

    /** The child module, see {@link ChildClasspath#of}. */
    public static final String MODULE = "parcelwatch-elasticsearch-node";
    /** The child's main class; also how {@link #stopPid} recognises a node process. */
    public static final String MAIN_CLASS = "io.parcelwatch.localstack.elasticsearch.ElasticsearchNodeMain";

    /** Written by the child once started (temporary file + atomic move), removed on clean shutdown. */
    static final String HTTP_PORT_FILE = "http.port";
    /** Written by the child once it holds the node lock, removed on clean shutdown. */
    static final String PID_FILE = "node.pid";
    /** Child exit code for "port already in use". */
    static final int EXIT_PORT_IN_USE = 3;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int CONSOLE_TAIL_LINES = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchNodeSettings settings;
    private final Process process;
    private final HttpClient http;
    private int httpPort;
    private String version;
    private boolean closed;

    private ElasticsearchNodeProcess(ElasticsearchNodeSettings settings, Process process) {
        this.settings = settings;
        this.process = process;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /**
     * Starts a node and waits until it is green, reports {@code settings.clusterName()} and answers {@code GET /}.
     *
     * @throws LocalStackException if this JVM is older than Java 21, a node already runs in the home directory,
     *                             the child exits during startup (the message holds the tail of its console log; exit
     *                             code 3 means a port is taken) or the startup timeout passes (the child is then killed)
     */
    public static ElasticsearchNodeProcess start(ElasticsearchNodeSettings settings) {
        ChildProcesses.requireJava21();
        Path home = settings.home();
        refuseIfAlreadyRunning(home);
        List<String> command = command(settings, ChildClasspath.of(MODULE));
        Path console = home.resolve("logs").resolve("console.log");
        Process process;
        try {
            Files.createDirectories(home.resolve("logs"));
            Files.createDirectories(home.resolve("tmp"));
            Files.deleteIfExists(home.resolve(HTTP_PORT_FILE)); // a stale one from a killed node
            process = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(console.toFile()))
                    .start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new LocalStackException("Cannot start the Elasticsearch node in " + home + ": " + e.getMessage(), e);
        }
        ElasticsearchNodeProcess node = new ElasticsearchNodeProcess(settings, process);
        try {
            node.awaitReady();
            return node;
        } catch (RuntimeException | Error e) {
            node.kill();
            throw e;
        }
    }

    /** The full child command line: java, JVM flags, classpath, main class and its arguments. */
    static List<String> command(ElasticsearchNodeSettings settings, String classpath) {
        Path home = settings.home();
        List<String> command = new ArrayList<>();
        command.add(ChildClasspath.javaExecutable());
        command.addAll(jvmOptions(settings));
        command.add("-cp");
        command.add(classpath);
        command.add(MAIN_CLASS);
        command.addAll(List.of(
                "--home", home.toString(),
                "--cluster-name", settings.clusterName(),
                "--http-port", Integer.toString(settings.httpPort()),
                "--transport-port", Integer.toString(settings.transportPort())));
        if (settings.exitWithParent()) {
            command.add("--parent-pid");
            command.add(Long.toString(ProcessHandle.current().pid()));
        }
        return command;
    }

    /** JVM flags and system properties of the child. Creates {@code <home>/native} (see {@link NativeZstd}). */
    static List<String> jvmOptions(ElasticsearchNodeSettings settings) {
        Path home = settings.home();
        List<String> options = new ArrayList<>(List.of(
                "-Xms" + settings.heapMb() + "m",
                "-Xmx" + settings.heapMb() + "m",
                "-XX:MaxDirectMemorySize=" + settings.heapMb() / 2 + "m", // what Elasticsearch's launcher picks
                "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Xss1m",
                "-Dfile.encoding=UTF-8",
                "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + home.resolve("tmp"),
                // Let the node log its own shutdown; it stops log4j itself at the very end.
                "-Dlog4j.shutdownHookEnabled=false",
                "-Dlog4j2.disable.jmx=true",
                // As in Elasticsearch's jvm.options; noUnsafe also avoids the JDK 24+ sun.misc.Unsafe warnings.
                "-Dio.netty.noUnsafe=true",
                "-Dio.netty.noKeySetOptimization=true",
                "-Dio.netty.recycler.maxCapacityPerThread=0",
                // Elasticsearch calls native code (libc, zstd) through the FFM API.
                "--enable-native-access=ALL-UNNAMED",
                // Its native vector library (libvec) is only in the distribution; the Java fallback is used instead.
                "-Dorg.elasticsearch.nativeaccess.enableVectorLibrary=false"));
        options.addAll(NativeZstd.prepare(home.resolve("native")));
        return options;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(settings.startupTimeout());
        Path portFile = settings.home().resolve(HTTP_PORT_FILE);
        String lastProblem = "the node has not written " + portFile + " yet";
        while (true) {
            if (!process.isAlive()) {
                throw startupFailed(process.exitValue());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LocalStackException("The Elasticsearch node in " + settings.home() + " was not ready after "
                        + settings.startupTimeout().toSeconds() + " s (" + lastProblem + "); it was killed. "
                        + "Node log: " + logFile() + consoleTail());
            }
            if (httpPort == 0 && Files.exists(portFile)) {
                httpPort = readPort(portFile);
            }
            if (httpPort > 0) {
                try {
                    JsonNode health = getJson("/_cluster/health?wait_for_status=green&timeout=1s");
                    String clusterName = health.path("cluster_name").asText();
                    if (!settings.clusterName().equals(clusterName)) {
                        throw new LocalStackException("The node on " + httpUri() + " belongs to cluster [" + clusterName
                                + "], expected [" + settings.clusterName() + "].");
                    }
                    String status = health.path("status").asText();
                    if ("green".equals(status)) {
                        version = getJson("/").path("version").path("number").asText();
                        return;
                    }
                    lastProblem = "cluster health is " + status;
                } catch (IOException e) {
                    lastProblem = "HTTP: " + e;
                }
            }
            sleep(POLL_INTERVAL);
        }
    }

    private LocalStackException startupFailed(int exitCode) {
        String reason = exitCode == EXIT_PORT_IN_USE
                ? "a port is already in use (HTTP " + settings.httpPort() + ", transport " + settings.transportPort() + ")"
                : "exit code " + exitCode;
        return new LocalStackException("The Elasticsearch node in " + settings.home() + " stopped during startup: " + reason
                + ". Node log: " + logFile() + consoleTail());
    }

    private JsonNode getJson(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(httpUri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            // 408 = wait_for_status timed out; the body still carries the health.
            if (response.statusCode() != 200 && response.statusCode() != 408) {
                throw new IOException("GET " + path + " returned " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for the Elasticsearch node", e);
        }
    }

    private static int readPort(Path portFile) {
        try {
            return Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return 0; // being replaced right now; read it again on the next poll
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI httpUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** The bound HTTP port (the OS's choice when the settings said 0). */
    public int httpPort() {
        return httpPort;
    }

    /** The node's version as reported by {@code GET /}, e.g. {@code 9.5.3}. */
    public String version() {
        return version;
    }

    public long pid() {
        return process.pid();
    }

    public ElasticsearchNodeSettings settings() {
        return settings;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code <home>/logs/elasticsearch.log} */
    public Path logFile() {
        return settings.home().resolve("logs").resolve("elasticsearch.log");
    }

    /** {@code <home>/logs/console.log}: the child's standard output and error. */
    public Path consoleLog() {
        return settings.home().resolve("logs").resolve("console.log");
    }

    /** Stops the node: SIGTERM, up to 30 s for a clean shutdown, then SIGKILL. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ChildProcesses.stop(process.toHandle(), STOP_TIMEOUT);
        } finally {
            http.close();
        }
    }

    private void kill() {
        closed = true;
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }

    private static void refuseIfAlreadyRunning(Path home) {
        Path pidFile = home.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            boolean running = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    // Linux reports only the first 4 KiB of a command line, not enough to see the main
                    // class after our classpath; a live java process holding this pid is taken to be the node.
                    .map(p -> p.info().command().map(c -> c.endsWith("java")).orElse(true))
                    .orElse(false);
            if (running) {
                throw new LocalStackException("An Elasticsearch node (pid " + pid + ") already runs in " + home
                        + ": stop it first (ElasticsearchNodeProcess.stopPid(" + pid + ", ...)) or use another home directory.");
            }
        } catch (IOException | NumberFormatException e) {
            // unreadable or half-written: the node itself will detect a held lock on data/
        }
    }

    private String consoleTail() {
        return "\nLast lines of " + consoleLog() + ":\n" + ChildProcesses.tail(consoleLog(), CONSOLE_TAIL_LINES);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for the Elasticsearch node");
        }
    }

    @Override
    public String toString() {
        return "Elasticsearch node pid " + pid() + " on " + httpUri() + " (home " + settings.home() + ")";
    }
}
