package io.parcelwatch.localstack.elasticsearch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a local Elasticsearch node ({@link ElasticsearchNodeProcess#start}).
 *
 * @param home           node home: {@code config/}, {@code data/}, {@code logs/} (incl. {@code console.log}), {@code tmp/},
 *                       {@code native/} and the {@code http.port} / {@code node.pid} files go under it; existing data is reused
 * @param clusterName    {@code cluster.name}; the launcher checks that the node it reaches reports it
 * @param httpPort       HTTP port on 127.0.0.1, 0 lets the OS choose (read the result from {@link ElasticsearchNodeProcess#httpPort()})
 * @param transportPort  transport port on 127.0.0.1, 0 lets the OS choose
 * @param heapMb         JVM heap (-Xms = -Xmx) of the node in MiB; 512 is enough for development, 256 is the minimum accepted
 * @param startupTimeout how long {@code start} waits for the node to be green
 * @param exitWithParent the node stops by itself when the JVM that started it ends (crashes included)
 */
public record ElasticsearchNodeSettings(
        Path home,
        String clusterName,
        int httpPort,
        int transportPort,
        int heapMb,
        Duration startupTimeout,
        boolean exitWithParent) {

    public static final String DEFAULT_CLUSTER_NAME = "parcelwatch-local";
    public static final int DEFAULT_HEAP_MB = 512;
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(90);

    public ElasticsearchNodeSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        home = home.toAbsolutePath().normalize();
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("clusterName must not be blank");
        }
        checkPort("httpPort", httpPort);
        checkPort("transportPort", transportPort);
        if (heapMb < 256) {
            throw new IllegalArgumentException("heapMb must be at least 256, got " + heapMb);
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive, got " + startupTimeout);
        }
    }

    /**
     * Defaults: cluster {@value #DEFAULT_CLUSTER_NAME}, HTTP and transport ports chosen by the OS, 512 MiB heap,
     * 90 s startup timeout, the node exits with the calling JVM.
     */
    public static ElasticsearchNodeSettings of(Path home) {
        return new ElasticsearchNodeSettings(home, DEFAULT_CLUSTER_NAME, 0, 0, DEFAULT_HEAP_MB, DEFAULT_STARTUP_TIMEOUT, true);
    }

    public ElasticsearchNodeSettings withClusterName(String name) {
        return new ElasticsearchNodeSettings(home, name, httpPort, transportPort, heapMb, startupTimeout, exitWithParent);
    }

    public ElasticsearchNodeSettings withHttpPort(int port) {
        return new ElasticsearchNodeSettings(home, clusterName, port, transportPort, heapMb, startupTimeout, exitWithParent);
    }

    public ElasticsearchNodeSettings withTransportPort(int port) {
        return new ElasticsearchNodeSettings(home, clusterName, httpPort, port, heapMb, startupTimeout, exitWithParent);
    }

    public ElasticsearchNodeSettings withHeapMb(int mb) {
        return new ElasticsearchNodeSettings(home, clusterName, httpPort, transportPort, mb, startupTimeout, exitWithParent);
    }

    public ElasticsearchNodeSettings withStartupTimeout(Duration timeout) {
        return new ElasticsearchNodeSettings(home, clusterName, httpPort, transportPort, heapMb, timeout, exitWithParent);
    }

    public ElasticsearchNodeSettings withExitWithParent(boolean exit) {
        return new ElasticsearchNodeSettings(home, clusterName, httpPort, transportPort, heapMb, startupTimeout, exit);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0..65535, got " + port);
        }
    }
}
