package io.parcelwatch.eta;

import io.parcelwatch.config.ColdChain;
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
 * @param coldChain           refrigerated (fresh, medicine): sorted first and carried by the cold-chain vehicles'
 *                            own schedule, so its hub dwell is learned apart ({@link #dwellService()})
 */
public record JourneyPlan(String serviceLevel, String originOutletId, String destinationOutletId, List<String> plannedRoute,
                          boolean coldChain) implements Serializable {
    /** Added to the service token of a cold-chain parcel's dwell keys. */
    public static final String COLD_CHAIN_SUFFIX = "+COLD";

    public JourneyPlan {
        plannedRoute = plannedRoute == null ? List.of() : List.copyOf(plannedRoute);
    }

    /** A parcel that is not cold chain. */
    public JourneyPlan(String serviceLevel, String originOutletId, String destinationOutletId, List<String> plannedRoute) {
        this(serviceLevel, originOutletId, destinationOutletId, plannedRoute, false);
    }

    public static JourneyPlan of(ParcelState state) {
        return new JourneyPlan(state.getServiceLevel(), state.getOriginFacilityId(), state.getDestinationFacilityId(),
                state.getPlannedRoute(), ColdChain.isColdChainCategory(state.getCategory()));
    }

    /**
     * The service token of hub dwell keys: a cold-chain parcel's dwell (0.8 h of sorting, a vehicle every three
     * hours) and a regular one's (1.5 h, waves and shuttles) mixed in one distribution fit neither.
     */
    public String dwellService() {
        return coldChain && serviceLevel != null ? serviceLevel + COLD_CHAIN_SUFFIX : serviceLevel;
    }

    /** The service level of a step key's service token: a cold-chain token ({@link #dwellService()}) without its suffix. */
    public static String serviceLevelOf(String token) {
        return isColdChainToken(token) ? token.substring(0, token.length() - COLD_CHAIN_SUFFIX.length()) : token;
    }

    /** Whether a step key's service token is a cold-chain parcel's ({@link #dwellService()}): its vehicles keep their own hours. */
    public static boolean isColdChainToken(String token) {
        return token != null && token.endsWith(COLD_CHAIN_SUFFIX);
    }
}
