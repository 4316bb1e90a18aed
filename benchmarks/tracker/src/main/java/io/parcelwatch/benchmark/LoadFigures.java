package io.parcelwatch.benchmark;

/**
 * The preload, as the script did it with the load generator.
 *
 * @param scale           the script's scale name (small, full or custom)
 * @param parcels         parcels the generator created
 * @param eventsPerParcel scan events per parcel measured by the script's small generator run
 * @param seconds         wall time of the preload, generator JVM start included
 * @param drain           the generator's --drain
 */
record LoadFigures(String scale, long parcels, double eventsPerParcel, double seconds, String drain) {}
