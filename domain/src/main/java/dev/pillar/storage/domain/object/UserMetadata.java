package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;

/**
 * Free-form metadata a client attaches to an object, kept as the JSON object text it sent
 * (the HTTP adapter checks that it parses as a JSON object).
 */
public record UserMetadata(String json) {
    public static final UserMetadata EMPTY = new UserMetadata("{}");
    private static final int MAX_LENGTH = 64 * 1024;

    public UserMetadata {
        String trimmed = json == null ? "" : json.trim();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}") || trimmed.length() > MAX_LENGTH) {
            throw InvalidInput.invalidParameter("metadata");
        }
        json = trimmed;
    }
}
