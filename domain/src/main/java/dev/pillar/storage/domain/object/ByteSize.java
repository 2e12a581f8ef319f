package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A non-negative number of bytes. */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    private static final Pattern HUMAN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb|tb)?");
    private static final String FORMAT_HINT = "Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B";

    public ByteSize {
        if (bytes < 0) {
            throw InvalidInput.invalidRequest("A size cannot be negative");
        }
    }

    public static ByteSize of(long bytes) {
        return new ByteSize(bytes);
    }

    public static ByteSize mebibytes(long mebibytes) {
        return new ByteSize(Math.multiplyExact(mebibytes, 1024L * 1024L));
    }

    /** Parses {@code 20MB}, {@code 30kb}, {@code 3B} or a plain number of bytes (decimal units, as Supabase counts them: 1MB = 1,000,000 bytes). */
    public static ByteSize parse(String raw) {
        Matcher m = HUMAN.matcher(raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw InvalidInput.invalidRequest(FORMAT_HINT);
        }
        long multiplier = switch (m.group(2) == null ? "b" : m.group(2)) {
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            default -> 1L;
        };
        double value = Double.parseDouble(m.group(1)) * multiplier;
        if (value >= Long.MAX_VALUE) {
            throw InvalidInput.invalidRequest(FORMAT_HINT);
        }
        return new ByteSize((long) value);
    }

    public boolean isGreaterThan(ByteSize other) {
        return bytes > other.bytes;
    }

    public ByteSize min(ByteSize other) {
        return bytes <= other.bytes ? this : other;
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }
}
