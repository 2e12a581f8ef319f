package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;

import java.util.Locale;

/**
 * A content type exactly as the client sent it ({@code text/plain;charset=UTF-8} is kept verbatim),
 * with its essence ({@code text/plain}) for matching. Patterns may use {@code *} wildcards.
 */
public record MimeType(String value) {
    /** The RFC 9110 token characters besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+.^_`|~-";
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

    /**
     * {@code type/subtype}, two tokens before any {@code ;} and around surrounding spaces, all printable ASCII.
     * Checked in one pass by hand, not with a regular expression: every object row read builds a {@code MimeType}.
     */
    private static boolean isWellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < 0x20 || value.charAt(i) > 0x7e) {
                return false;
            }
        }
        int semicolon = value.indexOf(';');
        int start = 0;
        int end = semicolon < 0 ? value.length() : semicolon;
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        int slash = value.indexOf('/', start);
        return slash >= 0 && slash < end && isToken(value, start, slash) && isToken(value, slash + 1, end);
    }

    private static boolean isToken(String value, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String value) {
        return value.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public String toString() {
        return value;
    }
}
