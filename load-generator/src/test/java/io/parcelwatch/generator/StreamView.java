package io.parcelwatch.generator;

import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.Created;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a correct consumer makes of a stream: per parcel, each scan once (duplicates dropped, the highest
 * revision winning), in event-time order. Tests derive the anomalies from it independently of the
 * generator's internals.
 */
public final class StreamView {
    public final Map<String, List<ScanEvent>> scansByParcel = new LinkedHashMap<>();
    public final Map<String, Created> createdByParcel = new LinkedHashMap<>();
    public final Map<String, List<ComplaintEvent>> complaintsByParcel = new LinkedHashMap<>();

    public StreamView(List<ScanEvent> scans, List<ComplaintEvent> complaints) {
        Map<String, Map<String, ScanEvent>> latest = new LinkedHashMap<>();
        for (ScanEvent e : scans) {
            Map<String, ScanEvent> byId = latest.computeIfAbsent(e.getParcelId(), k -> new LinkedHashMap<>());
            ScanEvent seen = byId.get(e.getEventId());
            if (seen == null || seen.getRevision() < e.getRevision()) {
                byId.put(e.getEventId(), e);
            }
            if (e.getType() == ScanType.CREATED) {
                createdByParcel.put(e.getParcelId(), (Created) e.getDetails());
            }
        }
        Comparator<ScanEvent> order = Comparator.comparing((ScanEvent e) -> e.getEventTime()).thenComparingInt(StreamView::step);
        latest.forEach((parcel, byId) -> {
            List<ScanEvent> list = new ArrayList<>(byId.values());
            list.sort(order);
            scansByParcel.put(parcel, list);
        });
        for (ComplaintEvent c : complaints) {
            complaintsByParcel.computeIfAbsent(c.getParcelId(), k -> new ArrayList<>()).add(c);
        }
    }

    public static StreamView of(CollectingSink sink) {
        return new StreamView(sink.scans(), sink.complaints());
    }

    public static int step(ScanEvent e) {
        String id = e.getEventId();
        return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
    }

    /** Progress scans (not TEMPERATURE) of a parcel, in event-time order. */
    public List<ScanEvent> progress(String parcelId) {
        return scansByParcel.getOrDefault(parcelId, List.of()).stream().filter(e -> e.getType() != ScanType.TEMPERATURE).toList();
    }

    public boolean coldChain(String parcelId) {
        Created c = createdByParcel.get(parcelId);
        return c != null && io.parcelwatch.generator.parcels.ColdChain.isColdChain(c.getCategory());
    }
}
