package io.parcelwatch.generator.replay;

import java.io.IOException;
import java.util.List;

/**
 * Several recordings replayed together (e.g. scans.avro and complaints.avro), merged by pace time;
 * each file keeps its own order, and ties go to the earlier file.
 */
final class MergedStream implements RecordedStream {
    private final List<RecordedStream> streams;
    private final RecordedEvent[] heads;
    private final boolean[] done;

    MergedStream(List<RecordedStream> streams) {
        this.streams = streams;
        this.heads = new RecordedEvent[streams.size()];
        this.done = new boolean[streams.size()];
    }

    @Override
    public RecordedEvent next() throws IOException, BadRecordingException {
        int best = -1;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] == null && !done[i]) {
                heads[i] = streams.get(i).next();
                done[i] = heads[i] == null;
            }
            if (heads[i] != null && (best < 0 || heads[i].paceTime() < heads[best].paceTime())) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        RecordedEvent e = heads[best];
        heads[best] = null;
        return e;
    }

    @Override
    public long bytesRead() {
        return streams.stream().mapToLong(RecordedStream::bytesRead).sum();
    }

    @Override
    public long size() {
        return streams.stream().mapToLong(RecordedStream::size).sum();
    }

    @Override
    public String describe() {
        return String.join(" + ", streams.stream().map(RecordedStream::describe).toList());
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (RecordedStream s : streams) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
