package io.parcelwatch.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON that can be put inside an HTML {@code <script>} element as it is. Hub ids, reason names and codes come from
 * the data; a value such as {@code </script><img onerror=...>} must stay a string. Jackson escapes quotes and control
 * characters; this also escapes {@code <}, {@code >} and {@code &} (so no tag or comment can start) and the line
 * separators U+2028/U+2029 as {@code \}{@code uXXXX}, which JSON.parse reads back unchanged.
 */
public final class ScriptSafeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    private ScriptSafeJson() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Chart data could not be written as JSON: " + e.getMessage(), e);
        }
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] asciiEscapes;

        HtmlSafeEscapes() {
            asciiEscapes = standardAsciiEscapesForJSON();
            asciiEscapes['<'] = ESCAPE_STANDARD;
            asciiEscapes['>'] = ESCAPE_STANDARD;
            asciiEscapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 ? new SerializedString("\\u2028") : ch == 0x2029 ? new SerializedString("\\u2029") : null;
        }
    }
}
