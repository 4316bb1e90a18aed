package io.parcelwatch.generator.output;

import java.util.List;

/**
 * What happened to one parcel: a line of the outcomes file, for scoring delivery-time prediction.
 *
 * @param late true if delivered after the promise, or not delivered and the promise passed before the end of the run
 */
public record Outcome(String parcelId, String serviceLevel, String category, List<String> route, String originFacilityId,
                      String destinationFacilityId, long createdAt, long promisedDeliveryTime, Long deliveredAt, String finalStatus,
                      boolean late, String deliveryMethod, boolean doorDeliveryRequested) {
}
