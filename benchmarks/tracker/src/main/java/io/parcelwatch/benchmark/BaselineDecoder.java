package io.parcelwatch.benchmark;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.AvroDecodeException;
import io.parcelwatch.io.kafka.KafkaRecord;
import io.parcelwatch.schema.ScanEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/** Decodes the Avro scan with the same codec as the tracker; undecodable bytes are counted and dropped. */
final class BaselineDecoder extends RichFlatMapFunction<KafkaRecord, BaselineScan> {
    private transient AvroCodec<ScanEvent> codec;
    private transient Counter undecodable;

    @Override
    public void open(OpenContext context) {
        codec = AvroCodec.scanEvents();
        undecodable = getRuntimeContext().getMetricGroup().counter("undecodable");
    }

    @Override
    public void flatMap(KafkaRecord record, Collector<BaselineScan> out) {
        try {
            ScanEvent event = codec.decode(record.value());
            out.collect(new BaselineScan(event.getParcelId(), event.getEventTime().toEpochMilli(), event.getType().name()));
        } catch (AvroDecodeException e) {
            undecodable.inc();
        }
    }
}
