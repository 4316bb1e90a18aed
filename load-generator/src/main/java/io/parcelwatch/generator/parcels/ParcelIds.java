package io.parcelwatch.generator.parcels;

import io.parcelwatch.generator.random.Rng;
import java.nio.charset.StandardCharsets;

/**
 * Waybill numbers: {@code PW}, four base-36 characters derived from the seed (so runs with different
 * seeds never share parcel ids), and the parcel's index as ten digits, e.g. {@code PW3F9K0000012345}.
 * Event ids are the parcel id, a dash and the step number (at least two digits). Ids are formatted on
 * demand rather than stored, which keeps the plans of parcels in flight small.
 */
public final class ParcelIds {
    private final byte[] prefix;

    public ParcelIds(long seed) {
        String tag = Long.toString(Long.remainderUnsigned(Rng.mix(seed ^ 0x5057L), 36L * 36 * 36 * 36), 36).toUpperCase();
        StringBuilder sb = new StringBuilder("PW");
        for (int i = tag.length(); i < 4; i++) {
            sb.append('0');
        }
        prefix = sb.append(tag).toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public String parcelId(long index) {
        byte[] out = new byte[prefix.length + 10];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        digits(index, out, prefix.length);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Event id of step {@code step} of parcel {@code index}. */
    public String eventId(long index, int step) {
        int digits = step < 100 ? 2 : step < 1000 ? 3 : step < 10_000 ? 4 : 5;
        byte[] out = new byte[prefix.length + 11 + digits];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        digits(index, out, prefix.length);
        int dash = prefix.length + 10;
        out[dash] = '-';
        int s = step;
        for (int i = out.length - 1; i > dash; i--) {
            out[i] = (byte) ('0' + s % 10);
            s /= 10;
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Length of a parcel id in bytes (ASCII). */
    public int parcelIdLength() {
        return prefix.length + 10;
    }

    /** Writes the parcel id (ASCII) at {@code at}; returns the position after it. */
    public int writeParcelId(long index, byte[] out, int at) {
        System.arraycopy(prefix, 0, out, at, prefix.length);
        digits(index, out, at + prefix.length);
        return at + prefix.length + 10;
    }

    /** Writes the event id (ASCII) at {@code at}; returns the position after it. */
    public int writeEventId(long index, int step, byte[] out, int at) {
        int p = writeParcelId(index, out, at);
        out[p] = '-';
        int digits = step < 100 ? 2 : step < 1000 ? 3 : step < 10_000 ? 4 : 5;
        int end = p + 1 + digits;
        int s = step;
        for (int i = end - 1; i > p; i--) {
            out[i] = (byte) ('0' + s % 10);
            s /= 10;
        }
        return end;
    }

    /** Length of the event id of a step (ASCII bytes). */
    public int eventIdLength(int step) {
        return prefix.length + 11 + (step < 100 ? 2 : step < 1000 ? 3 : step < 10_000 ? 4 : 5);
    }

    /** Ten digits of the index (below 10^10) at {@code at}, in int arithmetic. */
    private static void digits(long index, byte[] out, int at) {
        if (index < 0 || index >= 10_000_000_000L) {
            throw new IllegalArgumentException("parcel index out of range: " + index);
        }
        int hi = (int) (index / 100_000L);
        int lo = (int) (index - hi * 100_000L);
        for (int i = at + 9; i >= at + 5; i--) {
            out[i] = (byte) ('0' + lo % 10);
            lo /= 10;
        }
        for (int i = at + 4; i >= at; i--) {
            out[i] = (byte) ('0' + hi % 10);
            hi /= 10;
        }
    }

    public static String complaintId(String parcelId) {
        return "CP" + parcelId.substring(2);
    }
}
