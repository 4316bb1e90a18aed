package io.parcelwatch.eta;

import io.parcelwatch.tracking.state.Scan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A parcel's scan history for tests, kept ordered by time as the tracker keeps it; times in hours after {@link #T0}. */
final class History {
    /** 2026-11-20 00:00 UTC = 08:00 China time. */
    static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000L;

    private final List<Scan> scans = new ArrayList<>();
    private int next;

    static long at(double hours) {
        return T0 + Math.round(hours * HOUR);
    }

    /** Adds a scan (in time order) and returns it, as the tracker applies one. */
    Scan add(String type, double hours, String facility, String detail) {
        Scan scan = Scan.newBuilder().setEventId("e" + next++).setRevision(0).setType(type).setTime(at(hours))
                .setFacilityId(facility).setRegionId(null).setDetail(detail).build();
        scans.add(scan);
        scans.sort(Comparator.comparingLong(Scan::getTime));
        return scan;
    }

    Scan add(String type, double hours, String facility) {
        return add(type, hours, facility, null);
    }

    List<Scan> scans() {
        return List.copyOf(scans);
    }
}
