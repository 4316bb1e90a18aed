package io.parcelwatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Kafka and Elasticsearch versions the build pins (filtered in from the parent pom). */
final class Versions {
    static final String KAFKA;
    static final String ELASTICSEARCH;

    static {
        Properties props = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/parcelwatch-test-versions.properties")) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KAFKA = props.getProperty("kafka");
        ELASTICSEARCH = props.getProperty("elasticsearch");
    }

    private Versions() {}
}
