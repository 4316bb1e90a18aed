package io.parcelwatch.kpi;

/**
 * A fact as counted for one scope. {@code key} ({@code SCOPE|id}) keys the KPI windows.
 *
 * @param regionId region of the scope, for region, hub and outlet scopes
 */
public record ScopedFact(String key, Scope scope, String scopeId, String regionId, KpiFact fact) {

    public static ScopedFact of(Scope scope, String scopeId, String regionId, KpiFact fact) {
        return new ScopedFact(scope.name() + "|" + scopeId, scope, scopeId, regionId, fact);
    }
}
