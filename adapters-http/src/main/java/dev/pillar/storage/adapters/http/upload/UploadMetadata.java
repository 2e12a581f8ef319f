package dev.pillar.storage.adapters.http.upload;

import dev.pillar.storage.domain.failure.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tus {@code Upload-Metadata} header: comma-separated pairs of a key and its base64 value (a key may
 * stand alone). Supabase reads {@code bucketName}, {@code objectName}, {@code contentType},
 * {@code cacheControl} and {@code metadata} from it.
 */
record UploadMetadata(Map<String, String> values) {

    static UploadMetadata parse(Optional<String> header) {
        Map<String, String> values = new HashMap<>();
        for (String pair : header.map(value -> value.split(",")).orElse(new String[0])) {
            String[] keyAndValue = pair.trim().split(" ", -1);
            if (keyAndValue.length > 2 || keyAndValue[0].isEmpty() || values.containsKey(keyAndValue[0])) {
                throw InvalidInput.invalidRequest("Upload-Metadata is malformed");
            }
            values.put(keyAndValue[0], keyAndValue.length == 1 ? "" : decode(keyAndValue[1]));
        }
        return new UploadMetadata(Map.copyOf(values));
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isEmpty());
    }

    String required(String key) {
        return get(key).orElseThrow(() -> InvalidInput.missingParameter(key));
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.invalidRequest("Upload-Metadata is malformed");
        }
    }
}
