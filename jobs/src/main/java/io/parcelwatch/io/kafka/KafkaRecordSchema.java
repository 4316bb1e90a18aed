package io.parcelwatch.io.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Passes Kafka records on undecoded; never fails, so bad bytes cannot stop the source. */
public final class KafkaRecordSchema implements KafkaRecordDeserializationSchema<KafkaRecord> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaRecord> out) {
        out.collect(new KafkaRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                record.value()));
    }

    @Override
    public TypeInformation<KafkaRecord> getProducedType() {
        return TypeInformation.of(KafkaRecord.class);
    }
}
