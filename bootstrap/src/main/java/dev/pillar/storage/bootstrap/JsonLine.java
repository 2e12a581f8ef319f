package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pillar.storage.adapters.http.support.Json;

/**
 * One JSON object written field by field into a {@link StringBuilder}, with Jackson's escaping and number
 * rendering (so a log line reads the same as when Jackson wrote it), at a fraction of a tree's cost.
 */
final class JsonLine {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private final StringBuilder out;
    private boolean first = true;

    JsonLine(StringBuilder out) {
        this.out = out;
        out.append('{');
    }

    JsonLine field(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    /** A value as Jackson renders it: strings, whole and finite numbers and booleans directly, others via Jackson. */
    JsonLine field(String name, Object value) {
        name(name);
        switch (value) {
            case null -> out.append("null");
            case String text -> string(text);
            case Integer number -> out.append(number.intValue());
            case Long number -> out.append(number.longValue());
            case Double number when Double.isFinite(number) -> out.append(number.doubleValue());
            case Float number when Float.isFinite(number) -> out.append(number.floatValue());
            case Boolean bool -> out.append(bool.booleanValue());
            default -> out.append(viaJackson(value));
        }
        return this;
    }

    /** Closes the object and ends the line. */
    void end() {
        out.append('}').append(System.lineSeparator());
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(name);
        out.append(':');
    }

    /** Quotes {@code text}, escaping what JSON requires as Jackson does: {@code "}, {@code \} and controls. */
    private void string(String text) {
        out.append('"');
        int clean = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, clean, i).append('\\');
            switch (c) {
                case '"', '\\' -> out.append(c);
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            clean = i + 1;
        }
        out.append(text, clean, text.length()).append('"');
    }

    private static String viaJackson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(Json.MAPPER.valueToTree(value));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return "\"unprintable\"";
        }
    }
}
