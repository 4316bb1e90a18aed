package io.parcelwatch.io;

/** Why a Kafka message could not be decoded; each maps to a dead-letter reason code. */
public enum DecodeFailure {
    /** Null or zero-length value (e.g. a tombstone on a topic that should never carry one). */
    EMPTY,
    /** The bytes do not start with Avro's single-object marker (C3 01): not written by an Avro single-object encoder. */
    NOT_SINGLE_OBJECT_ENCODING,
    /** The schema fingerprint in the header belongs to no schema version this code knows. */
    UNKNOWN_SCHEMA_FINGERPRINT,
    /** The header is fine but the body is cut short or does not match its schema. */
    CORRUPT_BODY
}
