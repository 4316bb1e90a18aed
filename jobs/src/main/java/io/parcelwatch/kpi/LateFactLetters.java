package io.parcelwatch.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parcelwatch.io.AvroCodec;
import io.parcelwatch.io.deadletter.DeadLetters;
import io.parcelwatch.schema.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A fact that came after its windows had closed (their end plus the allowed lateness, by the
 * watermark) is not dropped in silence: it goes to the dead-letter topic as JSON, with the reason, so
 * it can be counted and, if it matters, replayed into a recomputation.
 */
public final class LateFactLetters implements MapFunction<ScopedFact, byte[]> {
    static final String STAGE = "kpi-windows";
    static final String REASON = "LATE_KPI_FACT";
    private static final ObjectMapper JSON = new ObjectMapper();
    private transient AvroCodec<DeadLetter> codec;

    @Override
    public byte[] map(ScopedFact late) throws JsonProcessingException {
        if (codec == null) {
            codec = AvroCodec.deadLetters();
        }
        String message = "KPI fact " + late.fact().kind() + " at " + Instant.ofEpochMilli(late.fact().time()) + " for "
                + late.key() + " arrived after its hour and day windows closed (allowed lateness passed)";
        return codec.encode(DeadLetters.of(STAGE, REASON, message, late.key().getBytes(StandardCharsets.UTF_8),
                JSON.writeValueAsBytes(late), Instant.now()));
    }
}
