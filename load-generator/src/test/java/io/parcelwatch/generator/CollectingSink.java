package io.parcelwatch.generator;

import io.parcelwatch.generator.output.EventSink;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event with its arrival time and the wall-clock time it was received. */
public final class CollectingSink implements EventSink {
    public record Received(Object event, long arrivalTime, long wallNanos) {
        public ScanEvent scan() {
            return (ScanEvent) event;
        }

        public boolean isScan() {
            return event instanceof ScanEvent;
        }
    }

    public final List<Received> events = new ArrayList<>();
    public boolean closed;

    @Override
    public void scan(ScanEvent event, long arrivalTime) {
        events.add(new Received(event, arrivalTime, System.nanoTime()));
    }

    @Override
    public void complaint(ComplaintEvent event, long arrivalTime) {
        events.add(new Received(event, arrivalTime, System.nanoTime()));
    }

    public List<ScanEvent> scans() {
        return events.stream().filter(Received::isScan).map(Received::scan).toList();
    }

    public List<ComplaintEvent> complaints() {
        return events.stream().filter(r -> !r.isScan()).map(r -> (ComplaintEvent) r.event()).toList();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String describe() {
        return "memory";
    }
}
