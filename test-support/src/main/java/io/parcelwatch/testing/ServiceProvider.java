package io.parcelwatch.testing;

/** Starts the real services for one test run, one way or another (local processes, containers). */
interface ServiceProvider extends AutoCloseable {
    KafkaService startKafka() throws Exception;

    ElasticsearchService startElasticsearch() throws Exception;

    @Override
    void close();
}
