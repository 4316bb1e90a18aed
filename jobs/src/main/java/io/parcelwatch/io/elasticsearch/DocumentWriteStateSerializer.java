package io.parcelwatch.io.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

/**
 * Checkpoint format of the documents buffered by an {@link ElasticsearchSink} writer (version 1):
 * per entry, index and id as length-prefixed UTF-8, the external version (-1 for none), then the
 * length-prefixed JSON source. The surrounding list format is Flink's.
 */
public final class DocumentWriteStateSerializer extends AsyncSinkWriterStateSerializer<DocumentWrite> {
    static final int VERSION = 1;

    /** Guards against reading a corrupt length as a huge allocation. */
    private static final int MAX_FIELD_BYTES = 256 * 1024 * 1024;

    @Override
    protected void serializeRequestToStream(DocumentWrite write, DataOutputStream out) throws IOException {
        writeBytes(out, write.index().getBytes(StandardCharsets.UTF_8));
        writeBytes(out, write.id().getBytes(StandardCharsets.UTF_8));
        out.writeLong(write.version());
        writeBytes(out, write.source());
    }

    @Override
    protected DocumentWrite deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        String index = new String(readBytes(in), StandardCharsets.UTF_8);
        String id = new String(readBytes(in), StandardCharsets.UTF_8);
        long version = in.readLong();
        byte[] source = readBytes(in);
        return DocumentWrite.of(index, id, version, source);
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public BufferedRequestState<DocumentWrite> deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Elasticsearch sink state of version " + version + " cannot be read; this code reads version "
                    + VERSION);
        }
        return super.deserialize(version, serialized);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FIELD_BYTES) {
            throw new IOException("corrupt Elasticsearch sink state: field length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
