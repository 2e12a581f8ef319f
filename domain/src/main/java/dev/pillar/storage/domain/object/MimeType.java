package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A content type exactly as the client sent it ({@code text/plain;charset=UTF-8} is kept verbatim),
 * with its essence ({@code text/plain}) for matching. Patterns may use {@code *} wildcards.
 */
public record MimeType(String value) {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    public static final MimeType OCTET_STREAM = new MimeType("application/octet-stream");

    public MimeType {
        if (value == null || value.length() > 255 || !isWellFormed(value)) {
            throw InvalidInput.invalidRequest("Invalid content type: " + (value == null ? "" : printable(value)));
        }
    }

    public static MimeType of(String raw) {
        return new MimeType(raw == null ? null : raw.trim());
    }

    /** {@code type/subtype}, lower-cased, without parameters. */
    public String essence() {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Whether this type is admitted by {@code pattern}: exact, {@code image/*} or {@code *}{@code /*}. */
    public boolean matches(MimeType pattern) {
        String[] mine = essence().split("/", 2);
        String[] theirs = pattern.essence().split("/", 2);
        return (theirs[0].equals("*") || theirs[0].equals(mine[0]))
                && (theirs[1].equals("*") || theirs[1].equals(mine[1]));
    }

    private static boolean isWellFormed(String value) {
        if (value.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            return false;
        }
        int semicolon = value.indexOf(';');
        String essence = (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
        String[] parts = essence.split("/", -1);
        return parts.length == 2 && TOKEN.matcher(parts[0]).matches() && TOKEN.matcher(parts[1]).matches();
    }

    private static String printable(String value) {
        return value.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public String toString() {
        return value;
    }
}
