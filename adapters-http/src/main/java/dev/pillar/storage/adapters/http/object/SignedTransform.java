package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.domain.failure.InvalidInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code transform} a signed URL was created with, kept in its token as Supabase keeps it: the
 * {@code transformations} string ({@code height:100,width:200,resize:contain,quality:80,format:webp}) and
 * the asked {@code format}. Values are stored as asked; the image renderer applies its own limits.
 */
record SignedTransform(String transformations, Optional<String> format) {
    private static final Set<String> RESIZES = Set.of("cover", "contain", "fill");
    private static final Set<String> FORMATS = Set.of("origin", "avif", "webp");

    /** The transform of a sign request's body, if it asks for anything at all. */
    static Optional<SignedTransform> from(JsonNode transform) {
        if (transform == null || transform.isNull()) {
            return Optional.empty();
        }
        if (!transform.isObject()) {
            throw InvalidInput.invalidParameter("transform");
        }
        OptionalInt width = integer(transform, "width", 0, Integer.MAX_VALUE);
        OptionalInt height = integer(transform, "height", 0, Integer.MAX_VALUE);
        Optional<String> resize = oneOf(transform, "resize", RESIZES);
        OptionalInt quality = integer(transform, "quality", 20, 100);
        Optional<String> format = oneOf(transform, "format", FORMATS);

        List<String> segments = new ArrayList<>();
        height.ifPresent(h -> segments.add("height:" + h));
        width.ifPresent(w -> segments.add("width:" + w));
        if (width.isPresent() || height.isPresent()) {
            resize.ifPresent(r -> segments.add("resize:" + r));
        }
        quality.ifPresent(q -> segments.add("quality:" + q));
        format.filter(f -> !f.equals("origin")).ifPresent(f -> segments.add("format:" + f));
        if (segments.isEmpty() && format.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignedTransform(String.join(",", segments), format));
    }

    /** Whether the signed URL serves a rendered image ({@code /render/image/sign/…}) rather than the object. */
    boolean rendersImage() {
        return !transformations.isEmpty();
    }

    void addClaims(ObjectNode claims) {
        if (rendersImage()) {
            claims.put("transformations", transformations);
        }
        format.ifPresent(f -> claims.put("format", f));
    }

    /** An integer from {@code min} to {@code max}; absent, null or 0 (where allowed) means not asked for. */
    private static OptionalInt integer(JsonNode transform, String field, int min, int max) {
        JsonNode value = transform.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()
                || value.asInt() < min || value.asInt() > max) {
            throw InvalidInput.invalidParameter("transform." + field);
        }
        return value.asInt() == 0 ? OptionalInt.empty() : OptionalInt.of(value.asInt());
    }

    private static Optional<String> oneOf(JsonNode transform, String field, Set<String> allowed) {
        JsonNode value = transform.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            throw InvalidInput.invalidParameter("transform." + field);
        }
        return Optional.of(value.asText());
    }
}
