package io.parcelwatch.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on: they mean little without it, on a shared 2-core machine least of all. */
record MachineInfo(int cores, String cpu, long memoryMiB, String loadAverage, String java, String jvmOptions) {

    static MachineInfo current() {
        String java = System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.runtime.name", "Java") + " "
                + System.getProperty("java.runtime.version", System.getProperty("java.version"));
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") || a.startsWith("-XX")).toList();
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpuModel(), readMemoryMiB(), readLoadAverage(), java,
                String.join(" ", args));
    }

    static String readLoadAverage() {
        String line = firstLine(Path.of("/proc/loadavg"), "");
        String[] parts = line.split(" ");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "?";
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static long readMemoryMiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static String firstLine(Path file, String otherwise) {
        try {
            return Files.readAllLines(file).stream().findFirst().orElse(otherwise);
        } catch (IOException e) {
            return otherwise;
        }
    }
}
