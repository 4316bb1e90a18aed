package io.parcelwatch.io;

import io.parcelwatch.schema.Alert;
import io.parcelwatch.schema.ComplaintEvent;
import io.parcelwatch.schema.DeadLetter;
import io.parcelwatch.schema.ScanEvent;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
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
 * first use in each task.
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
    private transient BinaryMessageEncoder<T> encoder;
    private transient BinaryMessageDecoder<T> decoder;

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
            return encoder().encode(record).array();
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
            return decoder().decode(bytes);
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

    private BinaryMessageEncoder<T> encoder() {
        if (encoder == null) {
            encoder = new BinaryMessageEncoder<>(SpecificData.getForClass(type), schema());
        }
        return encoder;
    }

    private BinaryMessageDecoder<T> decoder() {
        if (decoder == null) {
            SchemaStore store = SchemaHistory.storeWith(schema());
            decoder = new BinaryMessageDecoder<>(SpecificData.getForClass(type), schema(), store);
        }
        return decoder;
    }

}
