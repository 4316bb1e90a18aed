package io.parcelwatch.generator.output;

/** Receives one outcome per parcel, when its life ends or the run does. */
@FunctionalInterface
public interface OutcomeSink {
    void accept(Outcome outcome);

    OutcomeSink NONE = outcome -> { };
}
