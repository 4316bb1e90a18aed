package io.parcelwatch.generator.anomalies;

/** Receives ground-truth labels as the generator decides them. */
@FunctionalInterface
public interface LabelSink {
    void accept(Label label);

    LabelSink NONE = label -> { };
}
