package io.parcelwatch.report;

import java.util.Locale;

/** What a report is about: the whole network, one region or one hub (the {@code scope}/{@code scopeId} of the KPIs). */
public record ReportScope(Kind kind, String id) {
    /** The scopeId of the one network document per window. */
    public static final String NETWORK_ID = "NETWORK";

    public enum Kind {
        NETWORK, REGION, HUB;

        /** The value of the documents' {@code scope} field. */
        public String field() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ReportScope {
        if (kind == Kind.NETWORK) {
            id = NETWORK_ID;
        } else if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("--scope " + kind.field() + " needs --scope-id (the " + kind.field() + "'s id)");
        }
    }

    public static ReportScope network() {
        return new ReportScope(Kind.NETWORK, NETWORK_ID);
    }

    /** From the command line: {@code network}, {@code region} or {@code hub}, with the id for the last two. */
    public static ReportScope parse(String kind, String id) {
        Kind k;
        try {
            k = Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--scope must be network, region or hub, not '" + kind + "'");
        }
        if (k == Kind.NETWORK && id != null && !id.isBlank() && !id.equals(NETWORK_ID)) {
            throw new IllegalArgumentException("--scope-id is for --scope region or hub; the network has no id");
        }
        return new ReportScope(k, id == null ? null : id.trim());
    }

    /** For people: "the network", "region R-EAST", "hub H-07". */
    public String label() {
        return kind == Kind.NETWORK ? "the whole network" : kind.field() + " " + id;
    }

    /** For file names: "network", "region-R-EAST"; characters a file system may dislike become '_'. */
    public String fileLabel() {
        return kind == Kind.NETWORK ? "network" : kind.field() + "-" + id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
