package io.parcelwatch.tracking;

/**
 * A scan event that decoded and passed validation, still in its Avro bytes: shipping the bytes to the
 * parcel's subtask is cheaper and safer than a generic serializer for the Avro object.
 *
 * @param backlog whether the source was far behind the end of its input when it read this scan
 *                ({@link io.parcelwatch.io.kafka.BacklogProbe}); the tracker writes statuses less often then
 */
public record ValidScan(String parcelId, byte[] avro, boolean backlog) {
    public ValidScan(String parcelId, byte[] avro) {
        this(parcelId, avro, false);
    }
}
