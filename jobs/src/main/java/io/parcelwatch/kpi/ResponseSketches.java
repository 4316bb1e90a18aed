package io.parcelwatch.kpi;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Complaint response times (minutes) as a DDSketch, in the bytes a KPI document's {@code responseSketch}
 * carries (base64 in JSON): DDSketch's own encoding with its index mapping, so whoever reads a
 * document (the report, merging a quarter's windows) can decode and merge it without knowing the accuracy.
 */
public final class ResponseSketches {
    /** Relative accuracy: 1% of the value. */
    public static final double ACCURACY = 0.01;

    private ResponseSketches() {}

    public static DDSketch empty() {
        return DDSketches.unboundedDense(ACCURACY);
    }

    public static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writes to a growing array do not fail
        }
        return out.trimmedCopy();
    }

    public static DDSketch decode(byte[] bytes) {
        try {
            return DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a response-time sketch", e);
        }
    }
}
