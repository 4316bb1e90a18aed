package io.parcelwatch.eta;

import static io.parcelwatch.eta.History.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class DeliveryModelTest {
    static ModelUpdate update(String key, double medianHours, long asOf) {
        StepSummary s = StepPrior.ofHours(medianHours, medianHours * 2).summary();
        return ModelUpdate.of(key, new StepSummary(s.quantileSeconds(), s.typicalSeconds(), 50, asOf));
    }

    @Test
    void updatesApplyInAnyOrderAndRemovalsForget() {
        ModelUpdate older = update("TR|A>B|STANDARD|*", 2, T0);
        ModelUpdate newer = update("TR|A>B|STANDARD|*", 8, T0 + 60_000);
        ModelUpdate other = update("DW|A|STANDARD|*", 3, T0 + 30_000);
        DeliveryModel forward = DeliveryModel.EMPTY.with(older).with(other).with(newer);
        DeliveryModel backward = DeliveryModel.EMPTY.with(newer).with(other).with(older);
        assertThat(forward.summary("TR|A>B|STANDARD|*")).isEqualTo(newer.summary());
        assertThat(backward.summary("TR|A>B|STANDARD|*")).isEqualTo(newer.summary());
        assertThat(forward.size()).isEqualTo(2);
        assertThat(forward.asOf()).isEqualTo(T0 + 60_000);
        assertThat(DeliveryModel.EMPTY.with(older).merge(DeliveryModel.EMPTY.with(newer).with(other)).summary("TR|A>B|STANDARD|*"))
                .isEqualTo(newer.summary());
        assertThat(forward.with(ModelUpdate.removal("DW|A|STANDARD|*", T0 + 90_000)).summary("DW|A|STANDARD|*")).isNull();
        assertThat(forward.with(ModelUpdate.removal("DW|A|STANDARD|*", T0)).summary("DW|A|STANDARD|*"))
                .as("a removal older than the summary is stale").isNotNull();
    }

    @Test
    void aModelIsJavaSerializable() throws Exception {
        DeliveryModel model = DeliveryModel.EMPTY.with(update("TR|A>B|STANDARD|*", 2, T0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
            out.writeObject(EtaPriors.defaults());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            DeliveryModel back = (DeliveryModel) in.readObject();
            assertThat(back.summary("TR|A>B|STANDARD|*")).isEqualTo(model.summary("TR|A>B|STANDARD|*"));
            assertThat(in.readObject()).isEqualTo(EtaPriors.defaults());
        }
    }
}
