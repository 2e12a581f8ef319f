package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    private static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFD
                || Character.getType(c) == Character.SURROGATE)) {
            return false;
        }
        return Arrays.stream(value.split("/", -1))
                .noneMatch(segment -> segment.isEmpty() || segment.equals(".") || segment.equals(".."));
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
