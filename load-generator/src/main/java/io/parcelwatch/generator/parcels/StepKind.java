package io.parcelwatch.generator.parcels;

/**
 * Step types of a parcel plan: the scan types (same ordinals as {@code ScanType}) and the three
 * complaint events.
 */
public final class StepKind {
    public static final int COMPLAINT_OPENED = 12;
    public static final int COMPLAINT_RESPONDED = 13;
    public static final int COMPLAINT_CLOSED = 14;

    private StepKind() {}

    public static boolean isComplaint(int type) {
        return type >= COMPLAINT_OPENED;
    }
}
