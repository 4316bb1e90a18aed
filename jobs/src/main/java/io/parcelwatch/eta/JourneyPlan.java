package io.parcelwatch.eta;

import io.parcelwatch.tracking.state.ParcelState;
import java.io.Serializable;
import java.util.List;

/**
 * What the parcel's CREATED scan said about its journey; any part may be unknown (null, empty route) when
 * CREATED has not arrived yet or the shipper did not know.
 *
 * @param serviceLevel        service level name (a {@link StepKey} service token)
 * @param originOutletId      outlet where it enters the network
 * @param destinationOutletId outlet that delivers it
 * @param plannedRoute        sorting hubs it should pass, in order
 */
public record JourneyPlan(String serviceLevel, String originOutletId, String destinationOutletId, List<String> plannedRoute)
        implements Serializable {

    public JourneyPlan {
        plannedRoute = plannedRoute == null ? List.of() : List.copyOf(plannedRoute);
    }

    public static JourneyPlan of(ParcelState state) {
        return new JourneyPlan(state.getServiceLevel(), state.getOriginFacilityId(), state.getDestinationFacilityId(),
                state.getPlannedRoute());
    }
}
