package io.parcelwatch.localstack.kafka;

import io.parcelwatch.localstack.ChildClasspath;
import io.parcelwatch.localstack.ChildProcesses;
import io.parcelwatch.localstack.LocalStackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker ({@code kafka.Kafka}, KRaft combined mode, one node) as a child process, from
 * the jars of the {@code parcelwatch-kafka-broker} module. Storage is formatted on first start and
 * reused afterwards, so a restart keeps topics and data.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
    static final String MODULE = "parcelwatch-kafka-broker";
    static final String MAIN_CLASS = "kafka.Kafka";
    private static final Pattern VERSION = Pattern.compile("Kafka version: (\\S+)");

    private final Process process;
    private final int port;
    private final Path home;

    private KafkaBrokerProcess(Process process, int port, Path home) {
        this.process = process;
        this.port = port;
        this.home = home;
    }

    /** Starts the broker and returns once it answers metadata requests; fails with the log's tail otherwise. */
    public static KafkaBrokerProcess start(KafkaBrokerSettings settings) {
        ChildProcesses.requireJava21();
        Path home = settings.home().toAbsolutePath();
        int port = settings.port() == 0 ? ChildProcesses.freePort() : settings.port();
        ChildProcesses.requireFree(port, "the Kafka broker", "--kafka-port");
        int controllerPort = ChildProcesses.freePort();
        String classpath = ChildClasspath.of(MODULE);
        String java = ChildClasspath.javaExecutable();
        Path config = writeConfig(home, port, controllerPort);
        Path logs = home.resolve("logs");
        Path console = logs.resolve("console.log");

        if (!Files.exists(home.resolve("data").resolve("meta.properties"))) {
            format(java, classpath, home, config, console);
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xms" + settings.heapMb() + "m", "-Xmx" + settings.heapMb() + "m",
                "-Dkafka.logs.dir=" + logs, "-Dlog4j2.configurationFile=" + home.resolve("config/log4j2.properties"),
                "-cp", classpath, MAIN_CLASS, config.toString()));
        Process process = ChildProcesses.spawn(command, home, console);
        KafkaBrokerProcess broker = new KafkaBrokerProcess(process, port, home);
        try {
            broker.awaitReady(settings.startupTimeout(), console);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private static Path writeConfig(Path home, int port, int controllerPort) {
        try {
            Files.createDirectories(home.resolve("config"));
            Files.createDirectories(home.resolve("logs"));
            Path config = home.resolve("config/server.properties");
            String listeners = "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort;
            // Single node: every internal topic has one replica, and nothing waits for a second one.
            Map<String, String> props = new java.util.LinkedHashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", listeners);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", home.resolve("data").toString());
            props.put("num.partitions", "4");
            props.put("offsets.topic.replication.factor", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            StringBuilder text = new StringBuilder("# Written by ParcelWatch's local stack on every start; edits are overwritten.\n");
            props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(config, text.toString(), StandardCharsets.UTF_8);
            Files.writeString(home.resolve("config/log4j2.properties"), """
                    status = warn
                    appender.file.type = File
                    appender.file.name = file
                    appender.file.fileName = ${sys:kafka.logs.dir}/server.log
                    appender.file.layout.type = PatternLayout
                    appender.file.layout.pattern = [%d] %p %m (%c)%n
                    rootLogger.level = INFO
                    rootLogger.appenderRef.file.ref = file
                    """, StandardCharsets.UTF_8);
            return config;
        } catch (IOException e) {
            throw new LocalStackException("Cannot write the broker's configuration under " + home + ": " + e.getMessage(), e);
        }
    }

    private static void format(String java, String classpath, Path home, Path config, Path console) {
        List<String> command = List.of(java, "-Dlog4j2.configurationFile=" + home.resolve("config/log4j2.properties"),
                "-Dkafka.logs.dir=" + home.resolve("logs"),
                "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", config.toString());
        Process format = ChildProcesses.spawn(command, home, console);
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new LocalStackException("Formatting the Kafka storage in " + home.resolve("data")
                        + " failed. Log:\n" + ChildProcesses.tail(console, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while formatting Kafka storage", e);
        }
    }

    private void awaitReady(Duration timeout, Path console) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new LocalStackException("The Kafka broker exited with code " + process.exitValue()
                            + " while starting. Its log (" + console + ") ends with:\n" + ChildProcesses.tail(console, 30));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not up yet
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new LocalStackException("The Kafka broker did not answer on " + bootstrapServers() + " within "
                            + timeout.toSeconds() + " s. Its log (" + home.resolve("logs/server.log") + ") ends with:\n"
                            + ChildProcesses.tail(home.resolve("logs/server.log"), 30));
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The broker's own version, as it logged it at start-up. */
    public String version() {
        return versionLoggedIn(home.resolve("logs/server.log"));
    }

    static String versionLoggedIn(Path serverLog) {
        try {
            Matcher m = VERSION.matcher(Files.readString(serverLog, StandardCharsets.UTF_8));
            String version = "unknown";
            while (m.find()) {
                version = m.group(1);
            }
            return version;
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process.toHandle(), Duration.ofSeconds(30));
    }
}
