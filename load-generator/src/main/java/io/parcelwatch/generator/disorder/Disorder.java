package io.parcelwatch.generator.disorder;

/** The kind of disorder given to one scan (at most one per scan). */
public enum Disorder {
    NONE, LATE, DUPLICATE, CORRECTION, MISSING;

    private static final Disorder[] VALUES = values();

    public static Disorder of(int ordinal) {
        return VALUES[ordinal];
    }
}
