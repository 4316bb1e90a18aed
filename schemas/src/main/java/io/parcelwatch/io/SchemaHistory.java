package io.parcelwatch.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Every schema version a ParcelWatch writer may have used, so that newer code reads messages written
 * with older schemas. The current schemas come from the generated classes; earlier versions are
 * kept as .avsc files under {@code META-INF/parcelwatch/schema-history/} and listed in its
 * {@code index.txt}. When a schema changes, copy its previous .avsc there before editing it.
 */
public final class SchemaHistory {
    static final String HISTORY_DIR = "META-INF/parcelwatch/schema-history/";

    private SchemaHistory() {}

    /** A store holding the given current schemas plus every archived version. */
    public static SchemaStore.Cache storeWith(Schema... current) {
        SchemaStore.Cache store = new SchemaStore.Cache();
        for (Schema schema : current) {
            store.addSchema(schema);
        }
        for (Schema archived : archivedSchemas()) {
            store.addSchema(archived);
        }
        return store;
    }

    /** Reads every {@code index.txt} on the classpath, so a module (or a test) can add versions of its own. */
    static List<Schema> archivedSchemas() {
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        List<Schema> schemas = new ArrayList<>();
        try {
            for (URL index : Collections.list(loader.getResources(HISTORY_DIR + "index.txt"))) {
                String text;
                try (InputStream in = index.openStream()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                for (String line : text.split("\n")) {
                    String name = line.strip();
                    if (name.isEmpty() || name.startsWith("#")) {
                        continue;
                    }
                    @SuppressWarnings("deprecation") // resolves inside jars too, unlike URI.resolve
                    URL avsc = new URL(index, name);
                    try (InputStream in = avsc.openStream()) {
                        schemas.add(new Schema.Parser().parse(in));
                    } catch (FileNotFoundException e) {
                        throw new IllegalStateException(index + " lists " + name + " but the file is missing", e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the schema history", e);
        }
        return schemas;
    }
}
