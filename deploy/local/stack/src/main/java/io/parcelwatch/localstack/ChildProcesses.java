package io.parcelwatch.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the broker and node launchers share: spawning a logged child, stopping it, and ports. */
public final class ChildProcesses {
    private ChildProcesses() {}

    /** Starts {@code command} with stdout and stderr appended to {@code consoleLog}. */
    public static Process spawn(List<String> command, Path workDir, Path consoleLog) {
        try {
            Files.createDirectories(consoleLog.getParent());
            return new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new LocalStackException("Cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops a child started earlier, possibly by another JVM: SIGTERM, up to {@code timeout} for a clean
     * shutdown, then SIGKILL. Only our process is touched ({@link #isRunning}), so a recycled pid never kills
     * somebody else's process.
     *
     * @param startedAt {@link #startedAt(long)} of the process, recorded when it was started
     * @param stackDir  the directory the process was started for
     * @return {@code false} if that process no longer runs, {@code true} once it has ended
     */
    public static boolean stopIfSame(long pid, long startedAt, Path stackDir, Duration timeout) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !isRunning(pid, startedAt, stackDir) || pid == ProcessHandle.current().pid()) {
            return false;
        }
        stop(handle.get(), timeout);
        return true;
    }

    /** When the process started (epoch millis), or -1 if it does not run or the OS does not say. */
    public static long startedAt(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(java.time.Instant::toEpochMilli).orElse(-1L);
    }

    /**
     * True if the process with this pid runs and is ours: it started at {@code startedAt}, or its command line names
     * {@code stackDir}. The start time alone is not enough: Linux derives it from the boot time, which moves whenever
     * the wall clock is stepped, and a stack started before a step then looked gone, so {@code stop} forgot it while it
     * kept its ports. Our broker and node name their directories (logs, temporary files) before their classpath, within
     * the first 4 KiB of the command line that Linux reports.
     */
    public static boolean isRunning(long pid, long startedAt, Path stackDir) {
        return isAlive(pid) && (startedAt(pid) == startedAt || commandLineNames(pid, stackDir));
    }

    static boolean commandLineNames(long pid, Path dir) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').contains(dir.toAbsolutePath().toString());
        } catch (IOException | UncheckedIOException e) {
            return false; // not Linux, or the process is gone
        }
    }

    /** SIGTERM, up to {@code timeout} for a clean shutdown, then SIGKILL. */
    public static void stop(ProcessHandle handle, Duration timeout) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        if (awaitExit(handle, timeout)) {
            return;
        }
        handle.destroyForcibly();
        if (!awaitExit(handle, Duration.ofSeconds(10))) {
            throw new LocalStackException("Process " + handle.pid() + " did not end even after SIGKILL.");
        }
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The last {@code lines} lines of a log, for error messages. */
    public static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no " + log + ")";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** A loopback port that was free a moment ago (another process may still take it before the child binds). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalStackException("Cannot find a free loopback port: " + e.getMessage(), e);
        }
    }

    /** Fails with a message that says what to do if {@code port} is taken on loopback. */
    public static void requireFree(int port, String what, String flag) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new LocalStackException("Port " + port + " for " + what + " is already in use on 127.0.0.1. "
                    + "Stop whatever holds it (ss -ltnp 'sport = :" + port + "'), or choose another port with " + flag + ".");
        }
    }

    /** Fails clearly if this JVM is older than 21 (Elasticsearch 9 jars are Java 21 class files); children run on this JVM's java. */
    public static void requireJava21() {
        if (Runtime.version().feature() < 21) {
            throw new LocalStackException("Java " + Runtime.version() + " (" + ChildClasspath.javaExecutable()
                    + ") is too old: the local stack needs a JDK 21 or newer. "
                    + "Install one (apt-get install openjdk-21-jdk-headless, or any JDK 21+) and set JAVA_HOME to it.");
        }
    }
}
