package io.parcelwatch.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of a child process (Kafka broker, Elasticsearch node). Each child module writes its
 * resolved runtime classpath at build time to {@code META-INF/parcelwatch/<module>.classpath}; the
 * child gets that plus the module's own jar or classes directory. Keeping the children's
 * dependencies out of the parent JVM avoids clashes between Kafka's, Elasticsearch's, Flink's
 * and the tests' libraries.
 */
public final class ChildClasspath {
    private ChildClasspath() {}

    /** @param module the child module's artifactId, e.g. {@code parcelwatch-elasticsearch-node} */
    public static String of(String module) {
        String resource = "META-INF/parcelwatch/" + module + ".classpath";
        URL url = ChildClasspath.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new LocalStackException("Classpath resource " + resource + " is missing: build the module "
                    + module + " first (mvn -q install -DskipTests from the repository root).");
        }
        List<String> entries = new ArrayList<>();
        entries.add(moduleLocation(url, resource).toString());
        try (InputStream in = url.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : text.split(java.io.File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                if (!Files.exists(Path.of(entry))) {
                    throw new LocalStackException("Dependency " + entry + " of " + module
                            + " is not in the local Maven repository: rebuild with mvn -q install -DskipTests.");
                }
                entries.add(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url, e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Path moduleLocation(URL url, String resource) {
        try {
            if ("jar".equals(url.getProtocol())) {
                return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
            }
            Path file = Path.of(url.toURI());
            Path root = file;
            for (int i = 0; i < Path.of(resource).getNameCount(); i++) {
                root = root.getParent();
            }
            return root;
        } catch (IOException | URISyntaxException e) {
            throw new LocalStackException("Cannot locate the module that holds " + url, e);
        }
    }

    /** The java executable of this JVM, so that children run on the same JDK 21+. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
