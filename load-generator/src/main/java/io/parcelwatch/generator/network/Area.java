package io.parcelwatch.generator.network;

/** Geographic areas; each has a gateway hub that concentrates long-haul traffic to the other areas. */
public enum Area {
    NORTH, NORTHEAST, EAST, CENTRAL, SOUTH, SOUTHWEST, NORTHWEST
}
