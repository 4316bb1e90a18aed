package io.parcelwatch.kpi;

/** What a KPI document is about. Its name is the document's {@code scope} field. */
public enum Scope {
    NETWORK, REGION, HUB, OUTLET, SERVICE, CATEGORY, LANE;

    public static final String NETWORK_ID = "NETWORK";

    public String fieldValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
