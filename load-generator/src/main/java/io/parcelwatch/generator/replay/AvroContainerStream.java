package io.parcelwatch.generator.replay;

import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableFileInput;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads an Avro object container file of ScanEvent or ComplaintEvent records (any schema version the
 * file's writer used, resolved against the current one). Container files carry no arrival times, so
 * events are paced by the latest event time seen so far.
 */
public final class AvroContainerStream implements RecordedStream {
    private static final byte[] MAGIC = {'O', 'b', 'j', 1};

    private final Path path;
    private final DataFileReader<? extends SpecificRecord> reader;
    private final boolean scans;
    private final long size;
    private long record;
    private long maxEventTime = Long.MIN_VALUE;

    public AvroContainerStream(Path path) throws IOException, BadRecordingException {
        this.path = path;
        this.size = Files.size(path);
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            if (head.length < 4 || head[0] != MAGIC[0] || head[1] != MAGIC[1] || head[2] != MAGIC[2] || head[3] != MAGIC[3]) {
                throw new BadRecordingException(path + ": not an Avro object container file (it does not start with 'Obj' 0x01)", null);
            }
        }
        DataFileReader<SpecificRecord> probe;
        try {
            probe = new DataFileReader<>(new SeekableFileInput(path.toFile()), new SpecificDatumReader<>());
        } catch (IOException | AvroRuntimeException e) {
            throw new BadRecordingException(path + ": cannot read the Avro container header: " + e.getMessage(), e);
        }
        Schema writer = probe.getSchema();
        probe.close();
        if (writer.getFullName().equals(ScanEvent.getClassSchema().getFullName())) {
            scans = true;
            reader = new DataFileReader<>(new SeekableFileInput(path.toFile()), new SpecificDatumReader<>(writer, ScanEvent.getClassSchema()));
        } else if (writer.getFullName().equals(ComplaintEvent.getClassSchema().getFullName())) {
            scans = false;
            reader = new DataFileReader<>(new SeekableFileInput(path.toFile()),
                    new SpecificDatumReader<>(writer, ComplaintEvent.getClassSchema()));
        } else {
            throw new BadRecordingException(path + ": holds " + writer.getFullName() + " records; expected "
                    + ScanEvent.getClassSchema().getFullName() + " or " + ComplaintEvent.getClassSchema().getFullName(), null);
        }
    }

    @Override
    public RecordedEvent next() throws IOException, BadRecordingException {
        try {
            if (!reader.hasNext()) {
                return null;
            }
            Object event = reader.next();
            record++;
            long time = scans ? ((ScanEvent) event).getEventTime().toEpochMilli() : ((ComplaintEvent) event).getEventTime().toEpochMilli();
            maxEventTime = Math.max(maxEventTime, time);
            return new RecordedEvent(event, maxEventTime, path + ": record " + record);
        } catch (AvroRuntimeException e) {
            long block;
            try {
                block = reader.previousSync();
            } catch (AvroRuntimeException ignored) {
                block = -1;
            }
            throw new BadRecordingException(path + ": corrupt data at record " + (record + 1)
                    + (block >= 0 ? " (in the block starting at byte offset " + block + ")" : "") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long bytesRead() {
        try {
            return reader.tell();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String describe() {
        return "Avro container file " + path + (scans ? " (scans)" : " (complaints)");
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
