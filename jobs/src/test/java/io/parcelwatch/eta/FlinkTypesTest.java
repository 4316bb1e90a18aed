package io.parcelwatch.eta;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The job runs with pipeline.generic-types=false: what flows between operators or sits in state must not need Kryo. */
public class FlinkTypesTest {

    public static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).isNotInstanceOf(GenericTypeInfo.class).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = info.createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void observationsUpdatesAndSummariesAreFlinkPojos() throws Exception {
        StepObservation observation = new StepObservation("TR|A>B|NEXT_DAY|*", 1_000L, 7_200_000L);
        assertThat(roundTrip(StepObservation.class, observation)).isEqualTo(observation);

        StepSummary summary = StepPrior.ofHours(2, 4).summary();
        ModelUpdate update = ModelUpdate.of("TR|A>B|NEXT_DAY|*", summary);
        ModelUpdate back = roundTrip(ModelUpdate.class, update);
        assertThat(back.summary()).isEqualTo(summary);
        assertThat(roundTrip(ModelUpdate.class, ModelUpdate.removal("X|Y|Z|*", 5L)).isRemoval()).isTrue();

        assertThat(roundTrip(StepSummary.class, summary)).isEqualTo(summary);
        org.apache.flink.api.common.ExecutionConfig execution = new org.apache.flink.api.common.ExecutionConfig();
        ((SerializerConfigImpl) execution.getSerializerConfig()).setGenericTypes(false);
        ModelBroadcast.MODEL.initializeSerializerUnlessSet(execution);
        assertThat(ModelBroadcast.MODEL.getValueSerializer())
                .isInstanceOf(org.apache.flink.api.java.typeutils.runtime.PojoSerializer.class);
    }
}
