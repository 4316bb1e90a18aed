package io.parcelwatch.io.kafka;

/**
 * A Kafka record as received, before decoding: decoding happens in an operator of its own, where a
 * record that cannot be decoded goes to the dead-letter topic with its coordinates and bytes.
 */
public record KafkaRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {}
