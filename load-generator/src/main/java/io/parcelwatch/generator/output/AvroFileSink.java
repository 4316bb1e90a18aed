package io.parcelwatch.generator.output;

import io.parcelwatch.generator.random.Rng;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.ScanEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes scans and complaint events to two Avro object container files ({@code scans.avro} with the
 * ScanEvent schema, {@code complaints.avro} with the ComplaintEvent schema), in arrival order. The
 * sync markers derive from the seed, so the same run gives the same bytes.
 */
public final class AvroFileSink implements EventSink {
    public static final String SCANS_FILE = "scans.avro";
    public static final String COMPLAINTS_FILE = "complaints.avro";

    private final Path scansPath;
    private final Path complaintsPath;
    private final DataFileWriter<ScanEvent> scans;
    private final DataFileWriter<ComplaintEvent> complaints;

    public AvroFileSink(Path directory, String codec, long seed) {
        this.scansPath = directory.resolve(SCANS_FILE);
        this.complaintsPath = directory.resolve(COMPLAINTS_FILE);
        try {
            Files.createDirectories(directory);
            scans = open(new DataFileWriter<>(new SpecificDatumWriter<>(ScanEvent.class)), ScanEvent.getClassSchema(), scansPath, codec, seed, 1);
            complaints = open(new DataFileWriter<>(new SpecificDatumWriter<>(ComplaintEvent.class)), ComplaintEvent.getClassSchema(),
                    complaintsPath, codec, seed, 2);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Avro files in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static <T> DataFileWriter<T> open(DataFileWriter<T> writer, org.apache.avro.Schema schema, Path path, String codec, long seed,
                                              int which) throws IOException {
        writer.setCodec(codec(codec));
        writer.setSyncInterval(256 * 1024);
        byte[] sync = new byte[16];
        long a = Rng.mix(seed * 31 + which);
        long b = Rng.mix(a);
        for (int i = 0; i < 8; i++) {
            sync[i] = (byte) (a >>> (8 * i));
            sync[8 + i] = (byte) (b >>> (8 * i));
        }
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20);
        return writer.create(schema, out, sync);
    }

    /** null, deflate (level 1), snappy or zstandard. */
    public static CodecFactory codec(String name) {
        return switch (name) {
            case "null" -> CodecFactory.nullCodec();
            case "deflate" -> CodecFactory.deflateCodec(1);
            case "snappy" -> CodecFactory.snappyCodec();
            case "zstandard", "zstd" -> CodecFactory.zstandardCodec(1);
            default -> throw new IllegalArgumentException("unknown Avro codec '" + name + "' (null, deflate, snappy, zstandard)");
        };
    }

    @Override
    public void scan(ScanEvent event, long arrivalTime) {
        try {
            scans.append(event);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + scansPath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void complaint(ComplaintEvent event, long arrivalTime) {
        try {
            complaints.append(event);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + complaintsPath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            scans.close();
            complaints.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish the Avro files: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "Avro container files " + scansPath + " and " + complaintsPath;
    }
}
