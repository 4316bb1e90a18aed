package io.parcelwatch.io;

import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.DeadLetter;
import io.parcelwatch.schema.ScanEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes ParcelWatch records for Kafka with Avro single-object encoding (a two-byte marker, the
 * writer schema's 64-bit fingerprint, then the binary body), and decodes them with schema
 * resolution against every known writer schema. Decoding never throws an unchecked exception on bad
 * bytes: it reports an {@link AvroDecodeException} with a {@link DecodeFailure}.
 *
 * <p>Serializable so Flink functions can hold one; the Avro encoder and decoder are built lazily on
 * first use in each task. Not thread-safe: one instance per task (or thread).
 *
 * <p>Bytes in the current schema are read and written through Avro's buffered binary decoder and encoder
 * over the array, bytes identical to {@link BinaryMessageEncoder}'s; everything else (an older writer
 * schema, a bad header) goes through {@link BinaryMessageDecoder}. Why: the message classes read and write
 * through a stream a byte at a time (a synchronized call each), which was half of the codec's time, and
 * the codec about half of the tracker's and the KPI operator's (profiled on the tracker benchmark).
 */
public final class AvroCodec<T extends SpecificRecord> implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * A garbage body can claim a string or byte array of up to 2 GiB, which Avro would allocate
     * before noticing the message is short. No ParcelWatch message comes near this limit (Kafka's
     * default maximum message is 1 MiB). Applies only if set before Avro's limits are first read
     * and nobody chose other limits (system properties of the same names win).
     */
    static final String MAX_FIELD_BYTES = Integer.toString(16 * 1024 * 1024);

    static {
        System.getProperties().putIfAbsent("org.apache.avro.limits.string.maxLength", MAX_FIELD_BYTES);
        System.getProperties().putIfAbsent("org.apache.avro.limits.bytes.maxLength", MAX_FIELD_BYTES);
    }

    private final Class<T> type;
    private transient BinaryMessageDecoder<T> decoder;
    private transient CurrentSchema<T> current;

    private AvroCodec(Class<T> type) {
        this.type = type;
    }

    public static AvroCodec<ScanEvent> scanEvents() {
        return new AvroCodec<>(ScanEvent.class);
    }

    public static AvroCodec<ComplaintEvent> complaintEvents() {
        return new AvroCodec<>(ComplaintEvent.class);
    }

    public static AvroCodec<Alert> alerts() {
        return new AvroCodec<>(Alert.class);
    }

    public static AvroCodec<DeadLetter> deadLetters() {
        return new AvroCodec<>(DeadLetter.class);
    }

    /** A codec for any generated record class. */
    public static <R extends SpecificRecord> AvroCodec<R> of(Class<R> type) {
        return new AvroCodec<>(type);
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return SpecificData.get().getSchema(type);
    }

    public byte[] encode(T record) {
        try {
            return current().encode(record);
        } catch (IOException e) {
            // Encoding an in-memory record into a heap buffer does not do I/O; this is a bug.
            throw new UncheckedIOException("Cannot encode " + type.getSimpleName(), e);
        }
    }

    public T decode(byte[] bytes) throws AvroDecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new AvroDecodeException(DecodeFailure.EMPTY, "empty message, expected a " + type.getSimpleName(), null);
        }
        try {
            CurrentSchema<T> fast = current();
            return fast.wrote(bytes) ? fast.decode(bytes) : decoder().decode(bytes);
        } catch (MissingSchemaException e) {
            throw new AvroDecodeException(DecodeFailure.UNKNOWN_SCHEMA_FINGERPRINT,
                    "no known " + type.getSimpleName() + " schema has fingerprint " + fingerprintOf(bytes)
                            + "; was it written by a newer version whose schema is not in the schema history?", e);
        } catch (BadHeaderException e) {
            throw new AvroDecodeException(DecodeFailure.NOT_SINGLE_OBJECT_ENCODING,
                    "message of " + bytes.length + " bytes does not start with the Avro single-object marker C3 01", e);
        } catch (IOException | RuntimeException e) {
            // Whatever a malformed body makes Avro throw (EOF, bad union index, over-long length,
            // UnsupportedOperationException from its size limits...) means the same thing here.
            throw new AvroDecodeException(DecodeFailure.CORRUPT_BODY,
                    "message of " + bytes.length + " bytes is truncated or does not match its "
                            + type.getSimpleName() + " schema: " + e, e);
        }
    }

    private static String fingerprintOf(byte[] bytes) {
        if (bytes.length < 10) {
            return "(header cut short)";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 2; i < 10; i++) {
            hex.append(String.format("%02x", bytes[i]));
        }
        return hex.toString();
    }

    private CurrentSchema<T> current() {
        if (current == null) {
            current = new CurrentSchema<>(SpecificData.getForClass(type), schema());
        }
        return current;
    }

    private BinaryMessageDecoder<T> decoder() {
        if (decoder == null) {
            SchemaStore store = SchemaHistory.storeWith(schema());
            decoder = new BinaryMessageDecoder<>(SpecificData.getForClass(type), schema(), store);
        }
        return decoder;
    }

    /**
     * Single-object encoding in the current schema, without the message classes' byte-at-a-time streams: the header
     * ({@code C3 01} and the schema's fingerprint, little-endian) then the binary body, read and written with reused
     * buffered coders.
     */
    private static final class CurrentSchema<T> {
        private static final int HEADER = 10;
        private final byte[] header = new byte[HEADER];
        private final DatumWriter<T> writer;
        private final DatumReader<T> reader;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512); // reused: this codec's thread only
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;

        @SuppressWarnings("unchecked")
        CurrentSchema(SpecificData model, Schema schema) {
            header[0] = (byte) 0xC3;
            header[1] = 0x01;
            long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
            for (int i = 0; i < Long.BYTES; i++) {
                header[2 + i] = (byte) (fingerprint >>> (8 * i));
            }
            writer = (DatumWriter<T>) model.createDatumWriter(schema);
            reader = (DatumReader<T>) model.createDatumReader(schema, schema);
        }

        /** Whether {@code bytes} start with this schema's header. */
        boolean wrote(byte[] bytes) {
            return bytes.length > HEADER && Arrays.equals(bytes, 0, HEADER, header, 0, HEADER);
        }

        T decode(byte[] bytes) throws IOException {
            decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, decoder);
            return reader.read(null, decoder);
        }

        byte[] encode(T record) throws IOException {
            out.reset();
            out.write(header, 0, HEADER);
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            writer.write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        }
    }
}
