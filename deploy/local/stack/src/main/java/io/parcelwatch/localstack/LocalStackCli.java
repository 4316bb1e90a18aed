package io.parcelwatch.localstack;

import io.parcelwatch.localstack.elasticsearch.ElasticsearchNodeProcess;
import io.parcelwatch.localstack.elasticsearch.ElasticsearchNodeSettings;
import io.parcelwatch.localstack.kafka.KafkaBrokerProcess;
import io.parcelwatch.localstack.kafka.KafkaBrokerSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parcelwatch start|status|stop}: a real Kafka broker and Elasticsearch node on this machine. */
@Command(name = "parcelwatch", mixinStandardHelpOptions = true, versionProvider = LocalStackCli.Version.class,
        description = "Runs ParcelWatch's local stack: a real Kafka broker and a real Elasticsearch node as local processes.",
        subcommands = {LocalStackCli.Start.class, LocalStackCli.Status.class, LocalStackCli.Stop.class})
public final class LocalStackCli implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec rootSpec;

    @Override
    public void run() {
        rootSpec.commandLine().usage(rootSpec.commandLine().getOut());
    }

    /** Options every subcommand shares. */
    static final class Home {
        @Option(names = "--home", defaultValue = "${env:PW_HOME:-.pw}",
                description = "Directory for data, logs and the stack's state (env PW_HOME; default: ${DEFAULT-VALUE}).")
        Path dir;

        Path stackDir() {
            return dir.toAbsolutePath().normalize().resolve("local-stack");
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the broker and the node (both in parallel) and wait until they are ready.")
    static final class Start implements Callable<Integer> {
        @Mixin
        Home home;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--kafka-port", defaultValue = "${env:PW_KAFKA_PORT:-9092}", description = "Kafka client port (env PW_KAFKA_PORT; default ${DEFAULT-VALUE}).")
        int kafkaPort;
        @Option(names = "--es-port", defaultValue = "${env:PW_ES_PORT:-9200}", description = "Elasticsearch HTTP port (env PW_ES_PORT; default ${DEFAULT-VALUE}).")
        int esPort;
        @Option(names = "--kafka-heap-mb", defaultValue = "512", description = "Broker heap (default ${DEFAULT-VALUE} MB).")
        int kafkaHeapMb;
        @Option(names = "--es-heap-mb", defaultValue = "768", description = "Elasticsearch heap (default ${DEFAULT-VALUE} MB).")
        int esHeapMb;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ChildProcesses.requireJava21();
            Path dir = home.stackDir();
            Files.createDirectories(dir);
            Optional<StackState> existing = StackState.read(dir);
            if (existing.isPresent() && existing.get().anyRunning(dir)) {
                out.println("The local stack is already running (state in " + StackState.file(dir) + ").");
                Status.print(out, existing.get(), dir);
                return 0;
            }
            out.println("Starting a Kafka broker on 127.0.0.1:" + kafkaPort + " and an Elasticsearch node on 127.0.0.1:" + esPort
                    + " (data and logs under " + dir + ") ...");
            long started = System.nanoTime();
            var kafkaSettings = new KafkaBrokerSettings(dir.resolve("kafka"), kafkaPort, kafkaHeapMb,
                    KafkaBrokerSettings.DEFAULT_STARTUP_TIMEOUT);
            var esSettings = ElasticsearchNodeSettings.of(dir.resolve("elasticsearch")).withExitWithParent(false)
                    .withHttpPort(esPort).withHeapMb(esHeapMb);
            CompletableFuture<KafkaBrokerProcess> kafka = CompletableFuture.supplyAsync(() -> KafkaBrokerProcess.start(kafkaSettings));
            CompletableFuture<ElasticsearchNodeProcess> es = CompletableFuture.supplyAsync(() -> ElasticsearchNodeProcess.start(esSettings));
            KafkaBrokerProcess broker;
            ElasticsearchNodeProcess node;
            try {
                broker = kafka.join();
                out.printf("  Kafka %s ready at %s (pid %d)%n", broker.version(), broker.bootstrapServers(), broker.pid());
                node = es.join();
                out.printf("  Elasticsearch %s ready at %s (pid %d)%n", node.version(), node.httpUri(), node.pid());
            } catch (CompletionException e) {
                // One failed: do not leave the other running behind the user's back.
                kafka.thenAccept(KafkaBrokerProcess::close);
                es.thenAccept(ElasticsearchNodeProcess::close);
                CompletableFuture.allOf(kafka, es).exceptionally(t -> null).join();
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            StackState state = new StackState(broker.pid(), ChildProcesses.startedAt(broker.pid()), broker.bootstrapServers(),
                    broker.version(), node.pid(), ChildProcesses.startedAt(node.pid()), node.httpUri().toString(), node.version());
            state.write(dir);
            out.printf("Local stack ready in %.1f s.%n", (System.nanoTime() - started) / 1e9);
            Status.print(out, state, dir);
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Say whether the local stack runs and where.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Home home;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = home.stackDir();
            Optional<StackState> state = StackState.read(dir);
            if (state.isEmpty() || !state.get().anyRunning(dir)) {
                out.println("The local stack is not running. Start it with: ./parcelwatch start");
                return 3;
            }
            print(out, state.get(), dir);
            return 0;
        }

        static void print(PrintWriter out, StackState s, Path dir) {
            out.printf("  %-22s %-24s %s%n", "Kafka " + s.kafkaVersion(), s.kafkaBootstrapServers(),
                    running(s.kafkaRunning(dir), s.kafkaPid()));
            out.printf("  %-22s %-24s %s%n", "Elasticsearch " + s.elasticsearchVersion(), s.elasticsearchUri(),
                    running(s.elasticsearchRunning(dir), s.elasticsearchPid()));
            out.println("  Logs                   " + dir.resolve("kafka/logs") + ", " + dir.resolve("elasticsearch/logs"));
            out.println("Try:");
            out.println("  curl '" + s.elasticsearchUri() + "/_cluster/health?pretty'");
            out.println("  curl '" + s.elasticsearchUri() + "/_cat/indices?v'");
            out.println("Stop with: ./parcelwatch stop   (data is kept; start again to reuse it)");
        }

        private static String running(boolean running, long pid) {
            return running ? "running (pid " + pid + ")" : "NOT running (pid " + pid + " is gone; see its log)";
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the broker and the node; data is kept.")
    static final class Stop implements Callable<Integer> {
        @Mixin
        Home home;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = home.stackDir();
            Optional<StackState> state = StackState.read(dir);
            if (state.isEmpty()) {
                out.println("The local stack is not running (no " + StackState.file(dir) + ").");
                return 0;
            }
            Duration grace = Duration.ofSeconds(30);
            StackState s = state.get();
            out.println(ChildProcesses.stopIfSame(s.elasticsearchPid(), s.elasticsearchStartedAt(), dir, grace)
                    ? "Stopped Elasticsearch (pid " + s.elasticsearchPid() + ")." : "Elasticsearch was not running.");
            out.println(ChildProcesses.stopIfSame(s.kafkaPid(), s.kafkaStartedAt(), dir, grace)
                    ? "Stopped Kafka (pid " + s.kafkaPid() + ")." : "Kafka was not running.");
            StackState.delete(dir);
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LocalStackCli.class.getPackage().getImplementationVersion();
            return new String[] {"ParcelWatch local stack " + (v == null ? "(development build)" : v)};
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new LocalStackCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            commandLine.getErr().println("parcelwatch: " + cause.getMessage());
            return cause instanceof LocalStackException ? 2 : 1;
        });
        System.exit(cli.execute(args));
    }
}
