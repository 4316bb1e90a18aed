package io.parcelwatch.generator.network;

/** China's official economic belts, used by policy reporting (coverage of central and western regions). */
public enum Zone {
    EASTERN, CENTRAL, WESTERN, NORTHEASTERN
}
