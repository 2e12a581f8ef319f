package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;

import java.util.List;

/**
 * An object's path inside its bucket: {@code folder/sub/file.png}. Any UTF-8 text without control
 * characters, at most 1024 bytes, with no leading {@code /}, no empty, {@code .} or {@code ..} segment.
 */
public record ObjectName(String value) {
    public static final int MAX_BYTES = 1024;

    public ObjectName {
        if (!isValid(value)) {
            throw InvalidInput.invalidKey(value == null ? "" : value.replaceAll("[\\p{Cntrl}\\p{Cs}]", "?"));
        }
    }

    public static ObjectName of(String raw) {
        return new ObjectName(raw);
    }

    /**
     * One pass over the text (every name read back from the database is checked again, so this runs per row):
     * its UTF-8 length, no control, replacement or unpaired surrogate character, and regular segments.
     */
    private static boolean isValid(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        int utf8Bytes = 0;
        int segmentStart = 0;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (Character.isISOControl(c) || c == 0xFFFD || Character.getType(c) == Character.SURROGATE) {
                return false;
            }
            utf8Bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (c == '/') {
                if (!isRegularSegment(value, segmentStart, i)) {
                    return false;
                }
                segmentStart = i + 1;
            }
            i += Character.charCount(c);
        }
        return utf8Bytes <= MAX_BYTES && isRegularSegment(value, segmentStart, value.length());
    }

    /** Not empty, {@code .} or {@code ..}: the segment {@code [from, to)} of {@code value}. */
    private static boolean isRegularSegment(String value, int from, int to) {
        int length = to - from;
        return length > 2 || length == 2 && !value.startsWith("..", from) || length == 1 && value.charAt(from) != '.';
    }

    public List<String> segments() {
        return List.of(value.split("/"));
    }

    /** The last segment: {@code file.png} of {@code a/b/file.png}. */
    public String fileName() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
