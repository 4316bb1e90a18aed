package io.parcelwatch.eta;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A cache of values computed from their key, forgotten wholesale once it holds {@code max} entries: bounded by what
 * was used recently, without eviction bookkeeping on the hot path. For values that are cheap to compute again and
 * costly to compute every time (the predictor's key names and draw tables).
 */
final class ForgetfulCache<K, V> {
    private final int max;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    ForgetfulCache(int max) {
        this.max = max;
    }

    V get(K key, Function<K, V> compute) {
        V known = values.get(key);
        if (known != null) {
            return known;
        }
        if (values.size() >= max) {
            values.clear();
        }
        V computed = compute.apply(key);
        values.put(key, computed);
        return computed;
    }
}
