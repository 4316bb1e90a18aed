package io.parcelwatch.localstack.elasticsearch;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticsearch.Build;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.BindHttpException;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.node.ParcelWatchNodeFactory;
import org.elasticsearch.transport.BindTransportException;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real single Elasticsearch node in this JVM: the server jar plus the Netty4 transport, both from Maven
 * Central, built the way Elasticsearch's test framework builds nodes (classpath plugins, see
 * {@link ParcelWatchNodeFactory}) and otherwise running the production code.
 *
 * <h2>Command line</h2>
 * <pre>
 * java [JVM flags] -cp &lt;classpath&gt; io.parcelwatch.localstack.elasticsearch.ElasticsearchNodeMain
 *      --home DIR [--cluster-name NAME] [--node-name NAME] [--http-port N] [--transport-port N] [--parent-pid PID]
 * </pre>
 * <ul>
 *   <li>{@code --home}: required; {@code config/} (generated log4j2.properties), {@code data/}, {@code logs/}
 *       ({@code elasticsearch.log}) go under it. An existing {@code data/} is reused, so a restart keeps the indices.</li>
 *   <li>{@code --cluster-name} (default {@code parcelwatch-local}), {@code --node-name} (default
 *       {@code parcelwatch-es-1}).</li>
 *   <li>{@code --http-port}, {@code --transport-port}: on 127.0.0.1 only; 0 (the default) lets the OS choose.</li>
 *   <li>{@code --parent-pid}: stop the node and exit 0 when that process ends, so a crashed test JVM never
 *       leaves an orphan node.</li>
 * </ul>
 *
 * <h2>Behaviour</h2>
 * Single-node discovery, loopback only, no security (x-pack is absent), disk watermarks off, new indices default
 * to 0 replicas (see {@link ParcelWatchNodePlugin}). Once started, the bound HTTP port is written to
 * {@code <home>/http.port} (temporary file + atomic move) and this process's id to {@code <home>/node.pid}; both are
 * removed on a clean shutdown. SIGTERM (or the parent's death) closes the node and waits up to 30 s for it.
 *
 * <h2>Output and exit codes</h2>
 * Elasticsearch logs only to {@code <home>/logs/elasticsearch.log}. Standard output gets one line once the node
 * is up; standard error gets startup errors. Exit codes: 0 clean shutdown, 1 startup failed, 2 bad arguments,
 * 3 a port is already in use.
 *
 * <h2>JVM</h2>
 * Java 21+. Useful system properties (the launcher sets them): {@code es.nativelibs.path} pointing at a directory
 * with {@code libzstd.so} (needed by {@code index.codec: best_compression}) plus
 * {@code org.elasticsearch.nativeaccess.enableVectorLibrary=false} (the native vector library is not published);
 * {@code log4j.shutdownHookEnabled=false} so that the shutdown is logged; {@code java.io.tmpdir};
 * {@code io.netty.noUnsafe=true} (as the Elasticsearch distribution does; also keeps JDK 24+ quiet).
 */
public final class ElasticsearchNodeMain {

    /** Name of the file under the home directory that holds the bound HTTP port once the node is started. */
    public static final String HTTP_PORT_FILE = "http.port";
    /** Name of the file under the home directory that holds the node process id while it runs. */
    public static final String PID_FILE = "node.pid";

    static final int EXIT_STARTUP_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_PORT_IN_USE = 3;

    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    /**
     * The process's real standard streams. Elasticsearch's LogConfigurator redirects System.out/err into the log,
     * so the started line and startup errors are written here explicitly.
     */
    private static final PrintStream CONSOLE_OUT = System.out;
    private static final PrintStream CONSOLE_ERR = System.err;

    private final NodeArguments arguments;
    /** Held while the node starts, so that a shutdown request waits for a consistent node to close. */
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Node node;
    private volatile boolean closed;
    private volatile boolean ownsHomeFiles;
    private volatile Logger logger;

    private ElasticsearchNodeMain(NodeArguments arguments) {
        this.arguments = arguments;
    }

    public static void main(String[] args) {
        NodeArguments arguments;
        try {
            arguments = NodeArguments.parse(args);
        } catch (IllegalArgumentException e) {
            boolean help = e.getMessage().isEmpty();
            if (help == false) {
                System.err.println("ERROR: " + e.getMessage());
            }
            (help ? System.out : System.err).print(NodeArguments.USAGE);
            System.exit(help ? 0 : EXIT_USAGE);
            return;
        }
        new ElasticsearchNodeMain(arguments).run();
    }

    private void run() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "parcelwatch-es-shutdown"));
        lifecycle.lock();
        try {
            watchParent();
            startNode();
        } catch (Throwable t) {
            lifecycle.unlock();
            failStartup(t);
            return;
        }
        lifecycle.unlock();
        awaitShutdown();
    }

    private void startNode() throws Exception {
        prepareHome();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(nodeSettings(), Map.of(), arguments.configDir(),
            arguments::nodeName);
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(arguments.nodeName());
        LogConfigurator.setClusterName(arguments.clusterName());
        LogConfigurator.configure(environment, false);
        logger = LogManager.getLogger(ElasticsearchNodeMain.class);
        logger.info("starting Elasticsearch {} node [{}] of cluster [{}] in [{}] on Java {}", Build.current().qualifiedVersion(),
            arguments.nodeName(), arguments.clusterName(), arguments.home(), Runtime.version());

        node = ParcelWatchNodeFactory.create(environment, List.of(Netty4Plugin.class, ParcelWatchNodePlugin.class));
        // From here on this process holds the node lock on data/, so the files under home are ours.
        ownsHomeFiles = true;
        Files.deleteIfExists(arguments.httpPortFile());
        writeAtomically(arguments.pidFile(), Long.toString(ProcessHandle.current().pid()));
        node.start();

        int httpPort = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        writeAtomically(arguments.httpPortFile(), Integer.toString(httpPort));
        logger.info("node started, HTTP on http://127.0.0.1:{}", httpPort);
        CONSOLE_OUT.printf("Elasticsearch %s node [%s] of cluster [%s] started on http://127.0.0.1:%d (logs in %s)%n",
            Build.current().qualifiedVersion(), arguments.nodeName(), arguments.clusterName(), httpPort, arguments.logsDir());
        CONSOLE_OUT.flush();
    }

    private Settings nodeSettings() {
        return Settings.builder()
            .put("path.home", arguments.home().toString())
            .put("path.data", arguments.dataDir().toString())
            .put("path.logs", arguments.logsDir().toString())
            .put("cluster.name", arguments.clusterName())
            .put("node.name", arguments.nodeName())
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", Integer.toString(arguments.httpPort()))
            .put("transport.port", Integer.toString(arguments.transportPort()))
            // A developer's disk may well be more than 90 % full; the watermarks would then block shard allocation.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
    }

    private void prepareHome() throws IOException {
        Files.createDirectories(arguments.configDir());
        Files.createDirectories(arguments.dataDir());
        Files.createDirectories(arguments.logsDir());
        try (InputStream config = ElasticsearchNodeMain.class.getResourceAsStream("log4j2.properties")) {
            if (config == null) {
                throw new IllegalStateException("log4j2.properties is missing from the classpath next to " + ElasticsearchNodeMain.class);
            }
            Files.copy(config, arguments.configDir().resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void watchParent() {
        if (arguments.parentPid().isEmpty()) {
            return;
        }
        long parentPid = arguments.parentPid().getAsLong();
        ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
        if (parent == null || parent.isAlive() == false) {
            throw new IllegalStateException("parent process " + parentPid + " is not running");
        }
        Thread watcher = new Thread(() -> {
            parent.onExit().join();
            if (logger != null) {
                logger.info("parent process {} ended, stopping the node", parentPid);
            }
            System.exit(0);
        }, "parcelwatch-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void awaitShutdown() {
        // Elasticsearch's own threads are daemons: this (non-daemon) main thread keeps the JVM alive.
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The shutdown hook: SIGTERM, SIGINT, System.exit (parent gone, startup failure). */
    private void shutdown() {
        lifecycle.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Node running = node;
            if (running != null) {
                if (logger != null) {
                    logger.info("stopping the node");
                }
                try {
                    running.prepareForClose();
                    running.close();
                    if (running.awaitClose(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS) == false && logger != null) {
                        logger.warn("the node did not close within {} s", CLOSE_TIMEOUT_SECONDS);
                    }
                } catch (Exception e) {
                    if (logger != null) {
                        logger.warn("failed to close the node cleanly", e);
                    }
                }
            }
            if (ownsHomeFiles) {
                deleteQuietly(arguments.httpPortFile());
                deleteQuietly(arguments.pidFile());
            }
            if (logger != null) {
                logger.info("stopped");
                Configurator.shutdown((LoggerContext) LogManager.getContext(false));
            }
        } finally {
            stopped.countDown();
            lifecycle.unlock();
        }
    }

    private void failStartup(Throwable failure) {
        int exitCode = EXIT_STARTUP_FAILED;
        String message = "Elasticsearch node failed to start: " + failure;
        BindException bind = cause(failure, BindException.class);
        if (cause(failure, BindHttpException.class) != null && bind != null) {
            exitCode = EXIT_PORT_IN_USE;
            message = "HTTP port " + arguments.httpPort() + " on 127.0.0.1 is already in use (" + bind.getMessage()
                + "): stop whatever listens there or choose another port (0 lets the OS choose).";
        } else if (cause(failure, BindTransportException.class) != null && bind != null) {
            exitCode = EXIT_PORT_IN_USE;
            message = "Transport port " + arguments.transportPort() + " on 127.0.0.1 is already in use (" + bind.getMessage()
                + "): stop whatever listens there or choose another port (0 lets the OS choose).";
        }
        if (logger != null) {
            logger.error(message, failure);
        }
        CONSOLE_ERR.println("ERROR: " + message);
        if (exitCode != EXIT_PORT_IN_USE) {
            failure.printStackTrace(CONSOLE_ERR);
        }
        CONSOLE_ERR.println("Log: " + arguments.logsDir().resolve("elasticsearch.log"));
        CONSOLE_ERR.flush();
        System.exit(exitCode); // runs the shutdown hook, which closes a half-started node
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, content + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            CONSOLE_ERR.println("WARNING: cannot delete " + file + ": " + e);
        }
    }
}
