package dev.pillar.storage.domain.bucket;

import dev.pillar.storage.domain.failure.InvalidInput;

import java.util.regex.Pattern;

/** A bucket's id (also its name): 1..100 characters from Supabase's safe set, never {@code /}. */
public record BucketId(String value) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_!.*'() &$=@;:+,?-]{1,100}");

    public BucketId {
        if (value == null || !SAFE.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw InvalidInput.invalidBucketName();
        }
    }

    public static BucketId of(String raw) {
        return new BucketId(raw);
    }

    @Override
    public String toString() {
        return value;
    }
}
