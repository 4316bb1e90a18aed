package io.parcelwatch.generator.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Tracks the heap in use right after full (major) garbage collections during a run: the live data,
 * which is what must stay bounded. (After a young collection the old generation still holds garbage
 * promoted earlier, so that figure grows with the run until a full collection even when nothing leaks.)
 */
final class HeapWatcher implements AutoCloseable {
    private final AtomicLong peakAfterMajorGc = new AtomicLong();
    private final AtomicLong majorGcs = new AtomicLong();
    private final AtomicLong afterLastGc = new AtomicLong();
    private final List<Runnable> removals = new ArrayList<>();

    HeapWatcher() {
        NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = 0;
            for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                used += usage.getUsed();
            }
            afterLastGc.set(used);
            if (info.getGcAction().contains("major")) {
                majorGcs.incrementAndGet();
                peakAfterMajorGc.accumulateAndGet(used, Math::max);
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                removals.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException ignored) {
                        // gone already
                    }
                });
            }
        }
    }

    /** Peak heap in use after a full collection, in bytes (0 if none happened). */
    long peakAfterMajorGc() {
        return peakAfterMajorGc.get();
    }

    long majorGcs() {
        return majorGcs.get();
    }

    /** Heap in use after the latest collection of any kind. */
    long afterLastGc() {
        return afterLastGc.get();
    }

    /** One line for the summary. */
    String describe() {
        if (majorGcs() > 0) {
            return "live heap after full GCs at most " + Formats.megabytes(peakAfterMajorGc()) + " (" + majorGcs() + " full GCs)";
        }
        return "no full GC was needed; heap in use after the last GC " + Formats.megabytes(afterLastGc());
    }

    @Override
    public void close() {
        removals.forEach(Runnable::run);
    }
}
