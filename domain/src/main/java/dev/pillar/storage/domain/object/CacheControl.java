package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;

/** A {@code Cache-Control} value stored with an object and served back verbatim. */
public record CacheControl(String value) {
    public static final CacheControl DEFAULT = new CacheControl("max-age=3600");

    public CacheControl {
        if (value == null || value.isBlank() || value.length() > 1024 || !isPrintableAscii(value)) {
            throw InvalidInput.invalidParameter("cacheControl");
        }
    }

    /** Checked by hand, not with a stream: every object row read builds a {@code CacheControl}. */
    private static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < 0x20 || value.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    public static CacheControl of(String raw) {
        return new CacheControl(raw == null ? null : raw.trim());
    }

    /** {@code max-age=N}, the form supabase-js's {@code cacheControl: "N"} option stands for. */
    public static CacheControl maxAge(long seconds) {
        if (seconds < 0) {
            throw InvalidInput.invalidParameter("cacheControl");
        }
        return new CacheControl("max-age=" + seconds);
    }

    /** A bare number of seconds becomes {@code max-age=N}; anything else is kept as given. */
    public static CacheControl fromClient(String raw) {
        String trimmed = raw == null ? "" : raw.trim();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit) && trimmed.length() < 12) {
            return maxAge(Long.parseLong(trimmed));
        }
        return of(trimmed);
    }
}
