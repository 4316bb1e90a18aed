package io.parcelwatch.alerts;

/**
 * An alert on its way out: its id (the Kafka key and Elasticsearch document id) and the
 * {@link io.parcelwatch.schema.Alert} in Avro single-object encoding, which is what the alerts topic carries.
 */
public record AlertMessage(String alertId, byte[] avro) {}
