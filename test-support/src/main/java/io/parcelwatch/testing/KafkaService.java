package io.parcelwatch.testing;

/**
 * A running Kafka broker for tests.
 *
 * @param bootstrapServers where clients connect
 * @param version          the broker's version
 * @param description      what it is (in-JVM KRaft broker, container), for test logs
 */
public record KafkaService(String bootstrapServers, String version, String description) {}
