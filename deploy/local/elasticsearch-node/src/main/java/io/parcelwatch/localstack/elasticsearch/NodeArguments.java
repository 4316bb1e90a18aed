package io.parcelwatch.localstack.elasticsearch;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The command line of {@link ElasticsearchNodeMain}, parsed by hand (the child is internal; the launcher builds
 * the command line).
 *
 * @param home          node home; {@code config/}, {@code data/}, {@code logs/} and the {@code http.port} file live under it
 * @param clusterName   {@code cluster.name}
 * @param nodeName      {@code node.name}
 * @param httpPort      HTTP port, 0 lets the OS choose
 * @param transportPort transport port, 0 lets the OS choose
 * @param parentPid     exit cleanly when this process ends
 */
record NodeArguments(Path home, String clusterName, String nodeName, int httpPort, int transportPort, OptionalLong parentPid) {

    static final String DEFAULT_CLUSTER_NAME = "parcelwatch-local";
    static final String DEFAULT_NODE_NAME = "parcelwatch-es-1";

    static final String USAGE = """
        usage: ElasticsearchNodeMain --home DIR [--cluster-name NAME] [--node-name NAME]
                                     [--http-port N] [--transport-port N] [--parent-pid PID]
          --home DIR           node home: config/, data/, logs/ and the http.port file go under it (required)
          --cluster-name NAME  cluster.name (default %s)
          --node-name NAME     node.name (default %s)
          --http-port N        HTTP port on 127.0.0.1, 0 = let the OS choose (default 0)
          --transport-port N   transport port on 127.0.0.1, 0 = let the OS choose (default 0)
          --parent-pid PID     stop the node and exit when process PID ends
        """.formatted(DEFAULT_CLUSTER_NAME, DEFAULT_NODE_NAME);

    static NodeArguments parse(String[] args) {
        Path home = null;
        String clusterName = DEFAULT_CLUSTER_NAME;
        String nodeName = DEFAULT_NODE_NAME;
        int httpPort = 0;
        int transportPort = 0;
        OptionalLong parentPid = OptionalLong.empty();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag.startsWith("--") ? "missing value for " + flag : "unknown argument " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--home" -> home = Path.of(value).toAbsolutePath().normalize();
                case "--cluster-name" -> clusterName = requireNonBlank(flag, value);
                case "--node-name" -> nodeName = requireNonBlank(flag, value);
                case "--http-port" -> httpPort = port(flag, value);
                case "--transport-port" -> transportPort = port(flag, value);
                case "--parent-pid" -> parentPid = OptionalLong.of(number(flag, value));
                default -> throw new IllegalArgumentException("unknown argument " + flag);
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("--home is required");
        }
        return new NodeArguments(home, clusterName, nodeName, httpPort, transportPort, parentPid);
    }

    private static String requireNonBlank(String flag, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(flag + " must not be blank");
        }
        return value;
    }

    private static int port(String flag, String value) {
        long port = number(flag, value);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(flag + " must be 0..65535, got " + value);
        }
        return (int) port;
    }

    private static long number(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a number, got " + value);
        }
    }

    Path configDir() {
        return home.resolve("config");
    }

    Path dataDir() {
        return home.resolve("data");
    }

    Path logsDir() {
        return home.resolve("logs");
    }

    Path httpPortFile() {
        return home.resolve(ElasticsearchNodeMain.HTTP_PORT_FILE);
    }

    Path pidFile() {
        return home.resolve(ElasticsearchNodeMain.PID_FILE);
    }
}
