package io.parcelwatch.tracking;

import io.parcelwatch.config.ColdChain;
import io.parcelwatch.privacy.PersonalData;
import io.parcelwatch.schema.Created;
import io.parcelwatch.schema.Delivery;
import io.parcelwatch.schema.DeliveryFailure;
import io.parcelwatch.schema.HubDeparture;
import io.parcelwatch.schema.ParcelException;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import io.parcelwatch.tracking.state.ParcelState;
import io.parcelwatch.tracking.state.Scan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A parcel's history and status, derived from the scans' own event times and the stage order, never
 * from their arrival order: a late scan is merged into the history in place, a duplicate (same event
 * id and revision) is ignored, a correction (same event id, higher revision) replaces the earlier
 * version. Works on the {@link ParcelState} it wraps.
 */
public final class ParcelTimeline {
    /** Bounds the history of a parcel stuck in a loop of failed deliveries or misroutes. */
    static final int MAX_SCANS = 64;
    /** Characters of an address kept in clear: province and city. */
    static final int ADDRESS_CHARS_KEPT = 6;

    static final Comparator<Scan> ORDER = Comparator.comparingLong(Scan::getTime)
            .thenComparingInt(ParcelTimeline::rank)
            .thenComparing(Scan::getEventId);

    /** What applying a scan did. */
    /**
     * What a scan did to the state. READING: a temperature reading that only replaced the latest one
     * (no excursion began, moved or ended); the tracker keeps it in state without rewriting the
     * document for it, since a third of all events are such readings and nobody needs each one in
     * Elasticsearch within a second; the document shows it with the parcel's next change.
     */
    public enum Change { APPLIED, CORRECTED, READING, DUPLICATE }

    private final ParcelState state;
    /** The history {@link #stageScan} was last found in, and what it found. */
    private List<Scan> stageOfScans;
    private Scan stageScan;

    public ParcelTimeline(ParcelState state) {
        this.state = state;
    }

    public static ParcelState newState(String parcelId) {
        return ParcelState.newBuilder().setParcelId(parcelId).build();
    }

    public ParcelState state() {
        return state;
    }

    public Change apply(ScanEvent event, PersonalData personalData, ColdChain coldChain) {
        if (event.getType() == ScanType.CREATED && event.getDetails() instanceof Created created) {
            applyCreated(created, personalData);
        }
        Double temperature = event.getTemperatureCelsius();
        long time = event.getEventTime().toEpochMilli();
        boolean newerReading = temperature != null && applyLatestReading(time, temperature);
        boolean excursionChanged = temperature != null && applyTemperature(time, temperature, coldChain);
        if (event.getType() == ScanType.TEMPERATURE) {
            return excursionChanged ? Change.APPLIED : newerReading ? Change.READING : Change.DUPLICATE;
        }
        return merge(toScan(event));
    }

    private Change merge(Scan scan) {
        List<Scan> scans = state.getScans();
        for (int i = 0; i < scans.size(); i++) {
            Scan existing = scans.get(i);
            if (existing.getEventId().equals(scan.getEventId())) {
                if (scan.getRevision() <= existing.getRevision()) {
                    return Change.DUPLICATE;
                }
                List<Scan> copy = new ArrayList<>(scans);
                copy.remove(i);
                insertSorted(copy, scan);
                state.setScans(copy);
                return Change.CORRECTED;
            }
        }
        List<Scan> copy = new ArrayList<>(scans.size() + 1);
        copy.addAll(scans);
        insertSorted(copy, scan);
        if (copy.size() > MAX_SCANS) {
            copy.remove(copy.get(0).getType().equals(ScanType.CREATED.name()) ? 1 : 0);
        }
        state.setScans(copy);
        return Change.APPLIED;
    }

    private static void insertSorted(List<Scan> scans, Scan scan) {
        int at = scans.size();
        while (at > 0 && ORDER.compare(scans.get(at - 1), scan) > 0) {
            at--;
        }
        scans.add(at, scan);
    }

    private void applyCreated(Created created, PersonalData personalData) {
        state.setServiceLevel(created.getServiceLevel().name());
        state.setCategory(created.getCategory().name());
        state.setOriginFacilityId(created.getOriginFacilityId());
        state.setDestinationFacilityId(created.getDestinationFacilityId());
        state.setPlannedRoute(new ArrayList<>(created.getPlannedRoute()));
        state.setPromisedAt(created.getPromisedDeliveryTime().toEpochMilli());
        state.setDoorDeliveryRequested(created.getDoorDeliveryRequested());
        var recipient = created.getRecipient();
        state.setRecipientNameMasked(PersonalData.maskName(recipient.getName()));
        state.setRecipientPhoneMasked(PersonalData.maskPhone(recipient.getPhone()));
        state.setRecipientPhoneHash(personalData.phoneLookupHash(recipient.getPhone()));
        state.setRecipientAddressMasked(PersonalData.maskAddress(recipient.getAddress(), ADDRESS_CHARS_KEPT));
    }

    /** Keeps the reading if it is the latest; true if it was. */
    private boolean applyLatestReading(long time, double celsius) {
        if (state.getLastTemperatureAt() == null || time > state.getLastTemperatureAt()) {
            state.setLastTemperature(celsius);
            state.setLastTemperatureAt(time);
            return true;
        }
        return false;
    }

    /**
     * Tracks the current run of out-of-range readings. Readings may arrive out of order: an in-range
     * reading ends a run only if it is later than the run's start, and an out-of-range reading earlier
     * than the run's start moves the start back. An ended run stays (with its end) until
     * {@link #clearEndedExcursion()}, so that an excursion proven by the readings alone is still alerted.
     */
    private boolean applyTemperature(long time, double celsius, ColdChain coldChain) {
        boolean changed = false;
        Long since = state.getOutOfRangeSince();
        Long until = state.getOutOfRangeUntil();
        if (coldChain.outOfRange(state.getCategory(), celsius)) {
            if (since == null || (until != null && time > until)) {
                state.setOutOfRangeSince(time); // a new run
                state.setOutOfRangeLast(time);
                state.setOutOfRangeUntil(null);
                changed = true;
            } else {
                if (time < since) {
                    state.setOutOfRangeSince(time);
                    changed = true;
                }
                if (time > state.getOutOfRangeLast() && (until == null || time < until)) {
                    state.setOutOfRangeLast(time);
                    changed = true;
                }
            }
        } else if (since != null && time > since && (until == null || time < until)) {
            state.setOutOfRangeUntil(time);
            changed = true;
        }
        return changed;
    }

    /** Forgets a run of out-of-range readings that has ended (once its alert, if any, is resolved). */
    public void clearEndedExcursion() {
        if (state.getOutOfRangeUntil() != null) {
            state.setOutOfRangeSince(null);
            state.setOutOfRangeLast(null);
            state.setOutOfRangeUntil(null);
        }
    }

    private static Scan toScan(ScanEvent event) {
        return Scan.newBuilder()
                .setEventId(event.getEventId())
                .setRevision(event.getRevision())
                .setType(event.getType().name())
                .setTime(event.getEventTime().toEpochMilli())
                .setFacilityId(event.getFacilityId())
                .setRegionId(event.getRegionId())
                .setDetail(detailOf(event))
                .build();
    }

    static String detailOf(ScanEvent event) {
        Object details = event.getDetails();
        if (details instanceof Delivery delivery) {
            return delivery.getMethod().name() + (delivery.getRecipientConsented() ? ":consented" : "");
        } else if (details instanceof DeliveryFailure failure) {
            return failure.getReason().name();
        } else if (details instanceof ParcelException exception) {
            return exception.getCode().name();
        } else if (details instanceof HubDeparture departure) {
            return departure.getNextFacilityId();
        }
        return null;
    }

    static int rank(Scan scan) {
        Stage stage = stageOf(scan);
        return stage == null ? -1 : stage.ordinal();
    }

    static Stage stageOf(Scan scan) {
        return Stage.of(ScanType.valueOf(scan.getType()), scan.getDetail());
    }

    /** The scan that sets the current stage, or null if no scan has moved the parcel yet. */
    public Scan stageScan() {
        // Asked several times per event (alert rules, deadlines, outcome); a change of the history always sets a new list.
        List<Scan> scans = state.getScans();
        if (scans != stageOfScans) {
            stageScan = findStageScan(scans);
            stageOfScans = scans;
        }
        return stageScan;
    }

    private static Scan findStageScan(List<Scan> scans) {
        Scan latest = null;
        Scan latestFinal = null;
        for (Scan scan : scans) {
            Stage stage = stageOf(scan);
            if (stage == null) {
                continue;
            }
            latest = scan; // scans are sorted, so the last stage-bearing one wins
            if (stage == Stage.DELIVERED || stage == Stage.RETURNED) {
                latestFinal = scan;
            }
        }
        // Delivered or returned stays so even if a device with a skewed clock reports a later hub scan.
        return latestFinal != null ? latestFinal : latest;
    }

    public Stage stage() {
        Scan scan = stageScan();
        return scan == null ? null : stageOf(scan);
    }

    /** The latest scan of any kind (the tracking's freshness), or null. */
    public Scan lastScan() {
        List<Scan> scans = state.getScans();
        return scans.isEmpty() ? null : scans.get(scans.size() - 1);
    }

    /** The first scan with this type and detail (e.g. EXCEPTION/DAMAGED), or null. */
    public Scan first(ScanType type, String detail) {
        for (Scan scan : state.getScans()) {
            if (scan.getType().equals(type.name()) && (detail == null || detail.equals(scan.getDetail()))) {
                return scan;
            }
        }
        return null;
    }
}
