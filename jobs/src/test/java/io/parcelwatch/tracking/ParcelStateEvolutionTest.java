package io.parcelwatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.tracking.state.ParcelState;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** State written by an earlier version (a savepoint taken before an upgrade) still decodes. */
class ParcelStateEvolutionTest {
    @Test
    void stateWrittenWithTheFirstSchemaDecodesWithTheCurrentOne() throws Exception {
        Schema v1;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/parcelwatch/schema-history/parcel-state-v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        assertThat(v1.getField("flushAt")).as("v1 predates flushAt").isNull();
        GenericRecord old = new GenericData.Record(v1);
        for (Schema.Field field : v1.getFields()) {
            if (field.hasDefaultValue()) {
                old.put(field.name(), GenericData.get().getDefaultValue(field));
            }
        }
        old.put("parcelId", "P-OLD");
        old.put("seq", 7L);
        old.put("timer", 123L);
        old.put("scans", List.of());
        old.put("openAlerts", List.of());
        old.put("alertEpisodes", Map.of());
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        ParcelState state = AvroCodec.of(ParcelState.class).decode(bytes);

        assertThat(state.getParcelId()).isEqualTo("P-OLD");
        assertThat(state.getSeq()).isEqualTo(7L);
        assertThat(state.getTimer()).isEqualTo(123L);
        assertThat(state.getFlushAt()).as("a new field takes its default").isZero();
    }
}
