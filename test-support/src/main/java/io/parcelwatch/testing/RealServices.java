package io.parcelwatch.testing;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;

/**
 * Gives tests a real Kafka broker and a real Elasticsearch node: declare a {@link KafkaService} or
 * {@link ElasticsearchService} parameter (test method, constructor, or lifecycle method) in a class
 * annotated {@code @ExtendWith(RealServices.class)}. Each service starts on first request and stays
 * up for the rest of the test run (one per JVM), then stops.
 *
 * <p>Where a Docker engine is reachable, Testcontainers runs the official images; otherwise Kafka runs
 * in this JVM (Kafka's cluster test kit) and Elasticsearch as a local child process. Choose with the
 * system property or environment variable {@code PW_TEST_SERVICES} = {@code auto} (default),
 * {@code local} or {@code containers}. If a service cannot start, the test fails with the reason;
 * it is never skipped.
 */
public final class RealServices implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServices.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaService.class || type == ElasticsearchService.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Started.class, k -> new Started(chooseProvider()), Started.class);
        try {
            return parameter.getParameter().getType() == KafkaService.class ? started.kafka() : started.elasticsearch();
        } catch (Exception e) {
            throw new ParameterResolutionException("Could not start " + parameter.getParameter().getType().getSimpleName()
                    + " for " + context.getDisplayName() + ": " + e.getMessage(), e);
        }
    }

    static ServiceProvider chooseProvider() {
        String choice = System.getProperty("PW_TEST_SERVICES", System.getenv().getOrDefault("PW_TEST_SERVICES", "auto"));
        return switch (choice) {
            case "local" -> new LocalServiceProvider();
            case "containers" -> new ContainerServiceProvider();
            case "auto" -> dockerReachable() ? new ContainerServiceProvider() : new LocalServiceProvider();
            default -> throw new IllegalArgumentException("PW_TEST_SERVICES must be auto, local or containers, not " + choice);
        };
    }

    private static boolean dockerReachable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The services of this test run; closed by JUnit when the run ends. */
    static final class Started implements AutoCloseable {
        private final ServiceProvider provider;
        private KafkaService kafka;
        private ElasticsearchService elasticsearch;

        Started(ServiceProvider provider) {
            this.provider = provider;
        }

        synchronized KafkaService kafka() throws Exception {
            if (kafka == null) {
                Instant start = Instant.now();
                kafka = provider.startKafka();
                announce("Kafka " + kafka.version() + " at " + kafka.bootstrapServers() + " (" + kafka.description() + ")", start);
            }
            return kafka;
        }

        synchronized ElasticsearchService elasticsearch() throws Exception {
            if (elasticsearch == null) {
                Instant start = Instant.now();
                elasticsearch = provider.startElasticsearch();
                announce("Elasticsearch " + elasticsearch.version() + " at " + elasticsearch.uri()
                        + " (" + elasticsearch.description() + ")", start);
            }
            return elasticsearch;
        }

        private static void announce(String what, Instant start) {
            System.out.printf("[parcelwatch-test] started %s in %.1f s%n", what,
                    Duration.between(start, Instant.now()).toMillis() / 1000.0);
        }

        @Override
        public synchronized void close() {
            provider.close();
        }
    }
}
