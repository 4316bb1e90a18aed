package io.parcelwatch.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What {@code start} left running, in {@code <home>/stack.json}, so that later {@code status} and
 * {@code stop} invocations find the processes again.
 */
public record StackState(long kafkaPid, long kafkaStartedAt, String kafkaBootstrapServers, String kafkaVersion,
                         long elasticsearchPid, long elasticsearchStartedAt, String elasticsearchUri,
                         String elasticsearchVersion) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path file(Path home) {
        return home.resolve("stack.json");
    }

    public static Optional<StackState> read(Path home) {
        Path file = file(home);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), StackState.class));
        } catch (IOException e) {
            throw new LocalStackException("Cannot read " + file + " (" + e.getMessage() + "). If no stack is running, delete it.", e);
        }
    }

    void write(Path home) {
        try {
            Path tmp = Files.createTempFile(home, "stack", ".json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            Files.move(tmp, file(home), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LocalStackException("Cannot write " + file(home) + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path home) {
        try {
            Files.deleteIfExists(file(home));
        } catch (IOException e) {
            throw new LocalStackException("Cannot delete " + file(home) + ": " + e.getMessage(), e);
        }
    }

    boolean kafkaRunning(Path stackDir) {
        return ChildProcesses.isRunning(kafkaPid, kafkaStartedAt, stackDir);
    }

    boolean elasticsearchRunning(Path stackDir) {
        return ChildProcesses.isRunning(elasticsearchPid, elasticsearchStartedAt, stackDir);
    }

    boolean anyRunning(Path stackDir) {
        return kafkaRunning(stackDir) || elasticsearchRunning(stackDir);
    }
}
