package io.parcelwatch.kpi;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Fans a fact out to every scope it counts for: the network, its service level and category, its
 * region and outlet, each hub a finished parcel passed, and its lane (pickup region &gt; final region).
 * Complaints carry only a region, so they count for the network and their region.
 */
public final class FactScopes implements FlatMapFunction<KpiFact, ScopedFact> {

    @Override
    public void flatMap(KpiFact fact, Collector<ScopedFact> out) {
        out.collect(ScopedFact.of(Scope.NETWORK, Scope.NETWORK_ID, null, fact));
        if (fact.region() != null) {
            out.collect(ScopedFact.of(Scope.REGION, fact.region(), fact.region(), fact));
        }
        if (fact.kind() == KpiFactKind.COMPLAINT_OPENED || fact.kind() == KpiFactKind.COMPLAINT_RESPONDED) {
            return;
        }
        if (fact.serviceLevel() != null) {
            out.collect(ScopedFact.of(Scope.SERVICE, fact.serviceLevel(), null, fact));
        }
        if (fact.category() != null) {
            out.collect(ScopedFact.of(Scope.CATEGORY, fact.category(), null, fact));
        }
        if (fact.outletId() != null) {
            out.collect(ScopedFact.of(Scope.OUTLET, fact.outletId(), fact.region(), fact));
        }
        if (fact.facilityHub() != null) {
            out.collect(ScopedFact.of(Scope.HUB, fact.facilityHub(), fact.region(), fact));
        }
        if (fact.hubs() != null) {
            for (String hub : fact.hubs().split(",")) {
                int at = hub.indexOf('@');
                String region = at < 0 || at == hub.length() - 1 ? null : hub.substring(at + 1);
                out.collect(ScopedFact.of(Scope.HUB, at < 0 ? hub : hub.substring(0, at), region, fact));
            }
        }
        if (fact.kind().isOutcome() && fact.originRegion() != null && fact.region() != null) {
            out.collect(ScopedFact.of(Scope.LANE, fact.originRegion() + ">" + fact.region(), null, fact));
        }
    }
}
