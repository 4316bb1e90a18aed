package io.parcelwatch.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Prints a report's HTML to PDF with a headless Chromium or Chrome found on the PATH. */
public final class PdfPrinter {
    static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    /** A real report prints in a few seconds; far longer means the browser hangs, not that it is slow. */
    static final long TIMEOUT_SECONDS = 180;

    private PdfPrinter() {}

    /** The first of {@link #BROWSERS} that is an executable file in one of {@code path}'s directories. */
    public static Optional<Path> findBrowser(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String name : BROWSERS) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Prints {@code html} to {@code pdf}. The charts draw synchronously (no animation); the virtual time budget
     * still lets the page's scripts and layout settle before the browser prints. --no-sandbox because the
     * sandbox refuses to run as root, which is common in containers and CI.
     */
    public static void print(Path browser, Path html, Path pdf) throws IOException, InterruptedException {
        Files.deleteIfExists(pdf);
        Path log = Files.createTempFile("parcelwatch-pdf", ".log");
        try {
            Process process = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", "--virtual-time-budget=5000",
                    "--print-to-pdf=" + pdf.toAbsolutePath(), html.toAbsolutePath().toUri().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(browser + " did not finish printing within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
                throw new IOException(browser + " did not print the PDF (exit " + process.exitValue() + "): "
                        + lastLines(log, 5));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String lastLines(Path log, int n) throws IOException {
        // Not readAllLines: a browser's log is not always valid UTF-8, and a bad byte must not hide the reason.
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
