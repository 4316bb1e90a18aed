package io.parcelwatch.generator.sim;

import io.parcelwatch.generator.network.Facility;
import io.parcelwatch.generator.network.Network;
import io.parcelwatch.generator.parcels.ParcelIds;
import io.parcelwatch.generator.parcels.ParcelPlan;
import io.parcelwatch.generator.parcels.PlanBuilder;
import io.parcelwatch.generator.parcels.Recipients;
import io.parcelwatch.generator.parcels.StepKind;
import io.parcelwatch.generator.random.Rng;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ComplaintEventType;
import io.parcelwatch.schema.ComplaintReason;
import io.parcelwatch.schema.Created;
import io.parcelwatch.schema.Delivery;
import io.parcelwatch.schema.DeliveryFailure;
import io.parcelwatch.schema.DeliveryMethod;
import io.parcelwatch.schema.ExceptionCode;
import io.parcelwatch.schema.FailureReason;
import io.parcelwatch.schema.HubDeparture;
import io.parcelwatch.schema.ParcelException;
import io.parcelwatch.schema.ScanEvent;
import io.parcelwatch.schema.ScanType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns the steps of a {@link ParcelPlan} into Avro records, when the simulated clock reaches them. */
public final class EventFactory {
    private static final ScanType[] SCAN_TYPES = ScanType.values();
    private static final DeliveryMethod[] METHODS = DeliveryMethod.values();
    private static final FailureReason[] FAILURES = FailureReason.values();
    private static final ExceptionCode[] EXCEPTIONS = ExceptionCode.values();
    private static final ComplaintReason[] REASONS = ComplaintReason.values();

    private final long seed;
    private final Network network;

    public EventFactory(long seed, Network network) {
        this.seed = seed;
        this.network = network;
    }

    public Network network() {
        return network;
    }

    /** The courier who makes a scan of this type, or null. */
    public String courier(ParcelPlan plan, ScanType type) {
        return switch (type) {
            case PICKED_UP -> network.outlet(plan.origin()).couriers()[plan.pickupCourier()];
            case OUT_FOR_DELIVERY, DELIVERED, DELIVERY_FAILED, RETURNED -> network.outlet(plan.destination()).couriers()[plan.deliveryCourier()];
            default -> null;
        };
    }

    /** The recipient of a parcel (derived from the seed and the parcel's index, never stored). */
    public io.parcelwatch.schema.Recipient recipient(ParcelPlan plan) {
        return Recipients.create(Rng.derive(seed, plan.index(), PlanBuilder.RECIPIENT), network.facility(plan.destination()));
    }

    /** The scanner's note of an EXCEPTION step, or null. */
    public String note(ParcelPlan plan, int step) {
        return switch (EXCEPTIONS[plan.extra(step)]) {
            case DAMAGED -> "outer packaging crushed during sorting; contents checked and repacked";
            case HELD -> "lane " + network.facility(plan.facility(step)).id() + ">" + network.facility(plan.nextFacility(step)).id()
                    + " disrupted; held for the first departure after it reopens";
            default -> null;
        };
    }

    public boolean isComplaint(ParcelPlan plan, int step) {
        return StepKind.isComplaint(plan.type(step));
    }

    /** The scan of step {@code step}, with the given event time (the true one, or a wrong one to be corrected) and revision. */
    public ScanEvent scan(ParcelPlan plan, int step, long eventTime, int revision) {
        ScanType type = SCAN_TYPES[plan.type(step)];
        int facilityIndex = plan.facility(step);
        Facility facility = facilityIndex >= 0 ? network.facility(facilityIndex) : null;
        String courier = courier(plan, type);
        Double temperature = plan.coldChain() && type != ScanType.CREATED ? plan.temperatureAt(plan.time(step)) : null;
        Object details = switch (type) {
            case CREATED -> created(plan);
            case HUB_DEPARTED -> new HubDeparture(plan.nextFacility(step) >= 0 ? network.facility(plan.nextFacility(step)).id() : null);
            case DELIVERED -> new Delivery(METHODS[plan.extra(step) & 3], (plan.extra(step) & 4) != 0);
            case DELIVERY_FAILED -> new DeliveryFailure(FAILURES[plan.extra(step)]);
            case EXCEPTION -> exception(plan, step);
            default -> null;
        };
        return new ScanEvent(plan.eventId(step), revision, plan.parcelId(), type, Instant.ofEpochMilli(eventTime),
                facility == null ? null : facility.id(), facility == null ? null : facility.regionId(), courier, temperature, details);
    }

    private Created created(ParcelPlan plan) {
        int[] route = plan.route();
        List<String> hubs = new ArrayList<>(route.length);
        for (int hub : route) {
            hubs.add(network.facility(hub).id());
        }
        Facility destination = network.facility(plan.destination());
        return new Created(plan.serviceLevel(), plan.category(), network.facility(plan.origin()).id(), destination.id(), hubs,
                Instant.ofEpochMilli(plan.promisedAt()), plan.doorRequested(), recipient(plan));
    }

    private ParcelException exception(ParcelPlan plan, int step) {
        return new ParcelException(EXCEPTIONS[plan.extra(step)], note(plan, step));
    }

    public ComplaintEvent complaint(ParcelPlan plan, int step) {
        int type = plan.type(step);
        String complaintId = ParcelIds.complaintId(plan.parcelId());
        ComplaintEventType eventType;
        String suffix;
        Instant deadline = null;
        long time = plan.time(step);
        switch (type) {
            case StepKind.COMPLAINT_OPENED -> {
                eventType = ComplaintEventType.OPENED;
                suffix = "-1";
                deadline = Instant.ofEpochMilli(time + PlanBuilder.COMPLAINT_DEADLINE);
            }
            case StepKind.COMPLAINT_RESPONDED -> {
                eventType = ComplaintEventType.RESPONDED;
                suffix = "-2";
            }
            default -> {
                eventType = ComplaintEventType.CLOSED;
                suffix = "-3";
            }
        }
        return new ComplaintEvent(complaintId + suffix, complaintId, plan.parcelId(), eventType, Instant.ofEpochMilli(time),
                REASONS[plan.extra(step)], deadline, network.facility(plan.facility(step)).regionId());
    }
}
