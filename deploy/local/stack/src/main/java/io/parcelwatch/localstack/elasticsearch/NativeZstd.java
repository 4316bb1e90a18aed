package io.parcelwatch.localstack.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Elasticsearch compresses stored fields of {@code index.codec: best_compression} indices with zstd, through its
 * native-access layer, which loads {@code System.mapLibraryName("zstd")} (e.g. {@code libzstd.so}) from the directory in
 * the system property {@code es.nativelibs.path}. The distribution ships that library; Maven Central does not. So the
 * launcher links the operating system's libzstd into {@code <home>/native}.
 *
 * <p>If the system has no libzstd, the directory stays empty: the node still starts and indices with the default codec
 * (LZ4) work, but any {@code best_compression} index fails to allocate its shards. There is no node-wide setting that
 * would avoid that codec (index settings cannot be defaulted in the node configuration), so the only remedy is
 * installing libzstd (Debian/Ubuntu: {@code libzstd1}).
 */
final class NativeZstd {
    private NativeZstd() {}

    private static final List<String> LIBRARY_DIRECTORIES = List.of(
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib", "/opt/homebrew/lib");
    private static final List<String> LIBRARY_FILES = List.of("libzstd.so.1", "libzstd.1.dylib", "libzstd.dylib");

    /**
     * Creates {@code nativeDir}, links the system libzstd into it if there is one, and returns the system properties
     * that point Elasticsearch at it. {@code es.nativelibs.path} is set even without zstd: Elasticsearch then reports
     * the library as missing instead of looking under an unset {@code es.path.home}.
     */
    static List<String> prepare(Path nativeDir) {
        try {
            Files.createDirectories(nativeDir);
            Path link = nativeDir.resolve(System.mapLibraryName("zstd"));
            Optional<Path> library = systemLibrary();
            if (library.isPresent()) {
                if (!library.get().equals(currentTarget(link))) {
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, library.get());
                }
            } else {
                Files.deleteIfExists(link);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // No link: the node runs without zstd, see the class comment.
        }
        return List.of("-Des.nativelibs.path=" + nativeDir);
    }

    private static Path currentTarget(Path link) {
        try {
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link) : null;
        } catch (IOException e) {
            return null;
        }
    }

    static Optional<Path> systemLibrary() {
        for (String directory : LIBRARY_DIRECTORIES) {
            for (String file : LIBRARY_FILES) {
                Path candidate = Path.of(directory, file);
                if (Files.isRegularFile(candidate) && matchesArchitecture(directory)) {
                    return Optional.of(realPath(candidate));
                }
            }
        }
        return fromLdconfig();
    }

    private static boolean matchesArchitecture(String directory) {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (directory.contains("x86_64")) {
            return arch.equals("amd64") || arch.equals("x86_64");
        }
        if (directory.contains("aarch64")) {
            return arch.equals("aarch64") || arch.equals("arm64");
        }
        return true;
    }

    /** {@code ldconfig -p} lines look like {@code libzstd.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libzstd.so.1}. */
    private static Optional<Path> fromLdconfig() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (!Files.isExecutable(Path.of(ldconfig))) {
                continue;
            }
            try {
                Process process = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                String output;
                try (InputStream in = process.getInputStream()) {
                    output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                process.waitFor(5, TimeUnit.SECONDS);
                boolean arm = System.getProperty("os.arch", "").contains("aarch64");
                try (Stream<String> lines = output.lines()) {
                    return lines.map(String::trim)
                            .filter(line -> line.startsWith("libzstd.so.1 "))
                            .filter(line -> arm ? line.contains("AArch64") : line.contains("x86-64"))
                            .map(line -> line.substring(line.indexOf("=>") + 2).trim())
                            .map(Path::of)
                            .filter(Files::isRegularFile)
                            .map(NativeZstd::realPath)
                            .findFirst();
                }
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath();
        }
    }
}
