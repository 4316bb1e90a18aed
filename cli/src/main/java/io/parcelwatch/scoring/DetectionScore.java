package io.parcelwatch.scoring;

import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores raised alerts against ground-truth labels, per alert kind.
 *
 * <p>Parcel-level kinds match on (kind, parcel): several episodes of one kind on one parcel count as one
 * detection. HUB_LOSS matches on (kind, hub) when the alert falls within the label's window widened by
 * {@code hubSlack}. A label implies others where the condition does: a LOST parcel is also stale
 * tracking (it went silent for longer than its stage limit), so a STALE_TRACKING alert on a parcel
 * labelled LOST is a true detection, not a false alarm; stale and lost labels are not required to
 * have a stale alert when the parcel was reported lost at once. A LOST parcel also misses its promise
 * (it is never delivered; the generator's outcomes mark it late), so a PREDICTED_DELAY alert on it is
 * correct too, while the generator labels PREDICTED_DELAY only on parcels delivered late; a lost parcel
 * is not required to have one.
 *
 * <p>Labels the stream could not reveal (marked {@code "detectable": false}) are not counted for recall:
 * a bounded stream ends with parcels that went silent too recently for anyone to know they are lost.
 * An alert on one is still a true detection.
 *
 * <p>Lead/lag is alert event time minus the label's {@code from}: positive means the alert came after
 * the anomaly began (for silences, at least the stage limit after the last scan, by definition).
 *
 * <p>Lead time, for PREDICTED_DELAY only and when the parcels' promised times are given: the promise minus
 * the event time of the alert that detected the label (how long before the promise the alert came; negative
 * when it came after the promise was already broken). Parcels whose promise is unknown have no lead time.
 */
public final class DetectionScore {
    /** Label kinds that make another kind true for the same parcel. */
    static final Map<String, Set<String>> IMPLIES = Map.of("LOST", Set.of("STALE_TRACKING", "PREDICTED_DELAY"));

    /**
     * @param labels       labels the stream could reveal (the recall denominator)
     * @param undetectable labels it could not (see {@link GroundTruth.Label#detectable()}): an alert on
     *                     one is still correct, but missing one is not held against the detector
     */
    public record KindScore(String kind, int labels, int undetectable, int alerts, int truePositives, int detectedLabels,
                            Duration medianLag, Duration p90Lag, Duration medianLead) {
        public double precision() {
            return alerts == 0 ? Double.NaN : (double) truePositives / alerts;
        }

        public double recall() {
            return labels == 0 ? Double.NaN : (double) detectedLabels / labels;
        }
    }

    private DetectionScore() {}

    /** The kind whose alerts have a lead time (see the class comment). */
    static final String LEAD_KIND = "PREDICTED_DELAY";

    public static Map<String, KindScore> score(List<GroundTruth.Label> labels, Collection<Alert> alertRecords, Duration hubSlack) {
        return score(labels, alertRecords, hubSlack, Map.of());
    }

    /**
     * @param promises promised delivery time per parcel, for the lead time of PREDICTED_DELAY alerts (may be
     *                 empty: no lead time)
     */
    public static Map<String, KindScore> score(List<GroundTruth.Label> labels, Collection<Alert> alertRecords, Duration hubSlack,
                                               Map<String, Instant> promises) {
        // Raised alerts, one per (kind, subject) for parcel kinds, every raise for hub kinds.
        Map<String, List<Alert>> raisedByKind = new TreeMap<>();
        Set<String> seenParcelKeys = new HashSet<>();
        for (Alert alert : alertRecords) {
            if (alert.getStatus() != AlertStatus.RAISED) {
                continue;
            }
            String kind = alert.getKind().name();
            if (alert.getParcelId() != null && !seenParcelKeys.add(kind + "|" + alert.getParcelId())) {
                continue;
            }
            raisedByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(alert);
        }
        Map<String, Map<String, GroundTruth.Label>> parcelLabels = new HashMap<>();
        Map<String, List<GroundTruth.Label>> hubLabels = new HashMap<>();
        Map<String, Integer> labelCounts = new TreeMap<>();
        Map<String, Integer> undetectableCounts = new TreeMap<>();
        for (GroundTruth.Label label : labels) {
            labelCounts.merge(label.kind(), label.detectable() ? 1 : 0, Integer::sum);
            undetectableCounts.merge(label.kind(), label.detectable() ? 0 : 1, Integer::sum);
            if (label.parcelId() != null) {
                parcelLabels.computeIfAbsent(label.kind(), k -> new HashMap<>()).putIfAbsent(label.parcelId(), label);
            } else {
                hubLabels.computeIfAbsent(label.kind(), k -> new ArrayList<>()).add(label);
            }
        }
        // Implied labels: they make alerts correct, but are not counted as labels to be found.
        Map<String, Map<String, GroundTruth.Label>> implied = new HashMap<>();
        for (GroundTruth.Label label : labels) {
            for (String other : IMPLIES.getOrDefault(label.kind(), Set.of())) {
                if (label.parcelId() != null) {
                    implied.computeIfAbsent(other, k -> new HashMap<>()).putIfAbsent(label.parcelId(), label);
                }
            }
        }

        Set<String> kinds = new java.util.TreeSet<>(labelCounts.keySet());
        kinds.addAll(raisedByKind.keySet());
        Map<String, KindScore> scores = new TreeMap<>();
        for (String kind : kinds) {
            List<Alert> raised = raisedByKind.getOrDefault(kind, List.of());
            Map<String, GroundTruth.Label> byParcel = parcelLabels.getOrDefault(kind, Map.of());
            Map<String, GroundTruth.Label> byParcelImplied = implied.getOrDefault(kind, Map.of());
            List<GroundTruth.Label> hubs = hubLabels.getOrDefault(kind, List.of());
            int truePositives = 0;
            Set<GroundTruth.Label> detected = new HashSet<>();
            List<Long> lags = new ArrayList<>();
            List<Long> leads = new ArrayList<>();
            for (Alert alert : raised) {
                GroundTruth.Label match = null;
                if (alert.getParcelId() != null) {
                    match = byParcel.get(alert.getParcelId());
                    if (match == null && byParcelImplied.containsKey(alert.getParcelId())) {
                        truePositives++;
                        continue;
                    }
                } else {
                    for (GroundTruth.Label hub : hubs) {
                        if (hub.facilityId() != null && hub.facilityId().equals(alert.getFacilityId())
                                && !alert.getEventTime().isBefore(hub.from().minus(hubSlack))
                                && (hub.until() == null || !alert.getEventTime().isAfter(hub.until().plus(hubSlack)))) {
                            match = hub;
                            break;
                        }
                    }
                }
                if (match != null) {
                    truePositives++;
                    if (match.detectable() && detected.add(match)) {
                        lags.add(alert.getEventTime().toEpochMilli() - match.from().toEpochMilli());
                        Instant promise = alert.getParcelId() == null ? null : promises.get(alert.getParcelId());
                        if (kind.equals(LEAD_KIND) && promise != null) {
                            leads.add(promise.toEpochMilli() - alert.getEventTime().toEpochMilli());
                        }
                    }
                }
            }
            lags.sort(Long::compare);
            leads.sort(Long::compare);
            scores.put(kind, new KindScore(kind, labelCounts.getOrDefault(kind, 0), undetectableCounts.getOrDefault(kind, 0),
                    raised.size(), truePositives, detected.size(),
                    percentile(lags, 0.5), percentile(lags, 0.9), percentile(leads, 0.5)));
        }
        return scores;
    }

    private static Duration percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1));
        return Duration.ofMillis(sorted.get(index));
    }

    /** The table the score command prints. */
    public static String table(Map<String, KindScore> scores) {
        return table(scores, false);
    }

    /** The table, with a median lead column (PREDICTED_DELAY only; "-" for the other kinds) if {@code withLead}. */
    public static String table(Map<String, KindScore> scores, boolean withLead) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-24s %7s %13s %7s %6s %10s %8s %12s %12s", "kind", "labels", "undetectable", "alerts", "TP",
                "precision", "recall", "median lag", "p90 lag"));
        out.append(withLead ? String.format(" %12s%n", "median lead") : String.format("%n"));
        for (KindScore s : scores.values()) {
            out.append(String.format("%-24s %7d %13d %7d %6d %10s %8s %12s %12s", s.kind(), s.labels(), s.undetectable(), s.alerts(),
                    s.truePositives(),
                    ratio(s.precision()), ratio(s.recall()), human(s.medianLag()), human(s.p90Lag())));
            String lead = s.kind().equals(LEAD_KIND) ? human(s.medianLead()) : "-";
            out.append(withLead ? String.format(" %12s%n", lead) : String.format("%n"));
        }
        return out.toString();
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "n/a" : String.format("%.3f", value);
    }

    static String human(Duration d) {
        if (d == null) {
            return "n/a";
        }
        long minutes = d.toMinutes();
        String sign = minutes < 0 ? "-" : "+";
        minutes = Math.abs(minutes);
        return minutes >= 120 ? String.format("%s%.1fh", sign, minutes / 60.0) : sign + minutes + "m";
    }
}
