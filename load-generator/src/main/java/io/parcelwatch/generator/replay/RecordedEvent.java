package io.parcelwatch.generator.replay;

import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;

/**
 * One event read from a recorded stream.
 *
 * @param event     a {@link ScanEvent} or a {@link ComplaintEvent}
 * @param paceTime  when the event originally arrived (epoch millis): the recorded arrival time if the
 *                  file has one, otherwise the latest event time seen so far in the file (so late
 *                  uploads go out at once, as they originally did)
 * @param where     where it was read from, for messages (file and line or record number)
 */
public record RecordedEvent(Object event, long paceTime, String where) {
    public boolean isScan() {
        return event instanceof ScanEvent;
    }

    /** The Kafka key: parcelId for scans, complaintId for complaint events. */
    public String key() {
        return event instanceof ScanEvent s ? s.getParcelId() : ((ComplaintEvent) event).getComplaintId();
    }

    public String parcelId() {
        return event instanceof ScanEvent s ? s.getParcelId() : ((ComplaintEvent) event).getParcelId();
    }
}
