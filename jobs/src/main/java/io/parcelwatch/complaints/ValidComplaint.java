package io.parcelwatch.complaints;

/** A complaint event that decoded and passed validation, still in its Avro bytes (as {@code ValidScan}). */
public record ValidComplaint(String complaintId, byte[] avro) {
}
