package io.parcelwatch.benchmark;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Recreates the preload topics empty, so that every run measures a topic of its own. */
@Command(name = "prepare", mixinStandardHelpOptions = true, description = "Recreate the benchmark's input topics, empty.")
final class PrepareCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka (default ${DEFAULT-VALUE}).")
    String kafka;
    @Option(names = "--topic", required = true, description = "Topic to recreate (repeatable).")
    List<String> topics;
    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of each topic (default ${DEFAULT-VALUE}).")
    int partitions;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (BenchTopics admin = new BenchTopics(kafka)) {
            admin.recreate(topics, partitions);
        }
        out.printf("Recreated %s empty, %d partitions each.%n", String.join(", ", topics), partitions);
        return 0;
    }
}
