package io.parcelwatch.io.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** Documents for the sink's integration tests. */
final class TestDocs {
    private TestDocs() {}

    /** A document on its way to the sink: {@code version} -1 means unversioned. */
    record Doc(String index, String id, long version, String json) implements Serializable {
        static Doc parcel(String index, String parcelId, long seq, String stage) {
            return new Doc(index, parcelId, seq,
                    "{\"parcelId\":\"" + parcelId + "\",\"stage\":\"" + stage + "\",\"seq\":" + seq + "}");
        }

        static Doc kpi(String index, String id, double onTime) {
            return new Doc(index, id, -1, "{\"kpi\":\"" + id + "\",\"onTime\":" + onTime + "}");
        }
    }

    static final ElementConverter<Doc, DocumentWrite> CONVERTER = (doc, context) -> {
        byte[] json = doc.json().getBytes(StandardCharsets.UTF_8);
        return doc.version() < 0 ? DocumentWrite.unversioned(doc.index(), doc.id(), json)
                : DocumentWrite.versioned(doc.index(), doc.id(), doc.version(), json);
    };

    static List<Doc> parcels(String index, int count, long seq) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> Doc.parcel(index, "SF" + (1000 + i), seq, "IN_TRANSIT")).toList();
    }

    /**
     * Lets {@code count} records through, then none ever again: with a generator source, a job
     * that emits its documents and then keeps running, like a real streaming job.
     */
    static final class StallAfter implements RateLimiterStrategy<NumberSequenceSplit> {
        private final long count;

        StallAfter(long count) {
            this.count = count;
        }

        @Override
        public RateLimiter<NumberSequenceSplit> createRateLimiter(int parallelism) {
            return new RateLimiter<>() {
                private long granted;
                private final CompletableFuture<Void> never = new CompletableFuture<>();

                @Override
                public CompletionStage<Void> acquire(int permits) {
                    granted += permits;
                    return granted <= count ? CompletableFuture.completedFuture(null) : never;
                }
            };
        }
    }
}
