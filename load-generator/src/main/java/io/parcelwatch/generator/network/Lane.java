package io.parcelwatch.generator.network;

/**
 * A line-haul between two sorting hubs. Transit time is log-normal with the given median and shape,
 * truncated at {@code capHours} (the normal process never exceeds it).
 *
 * @param from        hub facility index
 * @param to          hub facility index
 * @param distanceKm  road distance
 * @param trunk       served by an air or rail trunk (long distances) rather than a road line-haul
 * @param medianHours median transit time
 * @param sigma       log-normal shape
 * @param capHours    hard maximum of the normal transit time
 * @param longHaul    departs only in the line-haul waves (overnight and midday) instead of every few hours
 */
public record Lane(int from, int to, double distanceKm, boolean trunk, double medianHours, double sigma, double capHours,
                   boolean longHaul) {
}
