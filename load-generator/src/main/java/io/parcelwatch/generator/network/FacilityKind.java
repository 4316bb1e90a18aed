package io.parcelwatch.generator.network;

public enum FacilityKind {
    HUB, OUTLET, LOCKER, STATION
}
