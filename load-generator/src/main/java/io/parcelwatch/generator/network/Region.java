package io.parcelwatch.generator.network;

/**
 * A province-level region.
 *
 * @param id          ISO 3166-2 code, e.g. {@code CN-SH}; the {@code regionId} of every scan made there
 * @param code        two-letter code used in facility ids, e.g. {@code SH}
 * @param name        the province's name
 * @param city        main city, used in addresses
 * @param latitude    of the main city (degrees), for lane distances
 * @param longitude   of the main city (degrees)
 * @param zone        economic belt
 * @param area        geographic area, for routing through gateway hubs
 * @param shipperWeight   relative share of parcels that start here (e-commerce shippers concentrate in the east)
 * @param recipientWeight relative share of parcels delivered here (follows population)
 * @param ruralShare  share of this region's outlets that are rural (slower, fewer delivery rounds, few lockers)
 * @param hubWeight   relative number of sorting hubs
 */
public record Region(String id, String code, String name, String city, double latitude, double longitude, Zone zone, Area area,
                     double shipperWeight, double recipientWeight, double ruralShare, double hubWeight) {
}
