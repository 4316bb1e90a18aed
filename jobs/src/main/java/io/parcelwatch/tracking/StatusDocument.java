package io.parcelwatch.tracking;

import io.parcelwatch.eta.Forecast;

/**
 * A parcel's status document as the parcels index gets it, rendered where the parcel's state is already decoded (the
 * forecaster), so that the sink does not decode the state a second time.
 *
 * @param parcelId the document id
 * @param version  the state's change sequence: the document's external version
 * @param json     the document ({@link ParcelDocument#render})
 * @param forecast the prediction it shows
 */
public record StatusDocument(String parcelId, long version, byte[] json, Forecast forecast) {}
