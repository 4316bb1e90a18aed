package io.parcelwatch.tracking;

/**
 * A scan event that decoded and passed validation, still in its Avro bytes: shipping the bytes to the
 * parcel's subtask is cheaper and safer than a generic serializer for the Avro object.
 */
public record ValidScan(String parcelId, byte[] avro) {}
