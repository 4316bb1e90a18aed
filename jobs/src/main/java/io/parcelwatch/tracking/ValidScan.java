package io.parcelwatch.tracking;

/**
 * A scan event that decoded and passed validation, still in its Avro bytes: shipping the bytes to the
 * parcel's subtask is cheaper and safer than a generic serializer for the Avro object.
 *
 * @param behindMillis 0 if the source read this scan live; else how far behind the end of its input it was then, in
 *                     milliseconds of reading at its recent pace ({@link io.parcelwatch.io.kafka.BacklogProbe#millisBehind()}):
 *                     the tracker writes statuses less often while it is behind
 */
public record ValidScan(String parcelId, byte[] avro, long behindMillis) {
    public ValidScan(String parcelId, byte[] avro) {
        this(parcelId, avro, 0);
    }
}
