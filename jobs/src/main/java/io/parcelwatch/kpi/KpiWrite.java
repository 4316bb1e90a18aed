package io.parcelwatch.kpi;

/** A KPI document ready for the Elasticsearch sink; {@code version} is its window's fact count. */
public record KpiWrite(String index, String id, long version, byte[] json) {
}
