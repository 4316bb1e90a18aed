package io.parcelwatch.generator.replay;

import io.parcelwatch.generator.output.AvroFileSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens recordings by path: files by format, directories written by the generator by their known files. */
public final class RecordedStreams {
    private RecordedStreams() {}

    public static RecordedStream open(List<Path> paths) throws IOException, BadRecordingException {
        List<RecordedStream> streams = new ArrayList<>();
        try {
            for (Path path : paths) {
                if (Files.isDirectory(path)) {
                    List<Path> inside = new ArrayList<>();
                    for (String name : List.of("events.jsonl", AvroFileSink.SCANS_FILE, AvroFileSink.COMPLAINTS_FILE)) {
                        if (Files.isRegularFile(path.resolve(name))) {
                            inside.add(path.resolve(name));
                        }
                    }
                    if (inside.isEmpty()) {
                        throw new BadRecordingException(path + ": a directory without events.jsonl, scans.avro or complaints.avro", null);
                    }
                    for (Path p : inside) {
                        streams.add(openFile(p));
                    }
                } else {
                    streams.add(openFile(path));
                }
            }
        } catch (IOException | BadRecordingException | RuntimeException e) {
            for (RecordedStream s : streams) {
                s.close();
            }
            throw e;
        }
        return streams.size() == 1 ? streams.get(0) : new MergedStream(streams);
    }

    public static RecordedStream openFile(Path path) throws IOException, BadRecordingException {
        if (!Files.exists(path)) {
            throw new BadRecordingException(path + ": no such file", null);
        }
        if (!Files.isReadable(path)) {
            throw new BadRecordingException(path + ": not readable", null);
        }
        String name = path.getFileName().toString().toLowerCase();
        if (name.endsWith(".avro")) {
            return new AvroContainerStream(path);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return new JsonLinesStream(path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            if (head.length == 4 && head[0] == 'O' && head[1] == 'b' && head[2] == 'j' && head[3] == 1) {
                return new AvroContainerStream(path);
            }
            if (head.length > 0 && (head[0] == '{' || Character.isWhitespace(head[0]))) {
                return new JsonLinesStream(path);
            }
        }
        throw new BadRecordingException(path + ": neither an Avro container file nor ParcelWatch JSON Lines "
                + "(name it .avro or .jsonl to say which)", null);
    }
}
