package dev.pillar.storage.adapters.http.support;

import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ObjectName;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Reading the parts of a request every route needs: path parameters, headers, query values. */
public final class Requests {
    private static final HeaderName X_UPSERT = HeaderNames.create("x-upsert");
    private static final Pattern DOT_OR_EMPTY_SEGMENT = Pattern.compile("//|/\\.{1,2}(/|$)");

    private Requests() {
    }

    /** The {@code {bucket}} path parameter (or {@code {id}}) as a validated bucket id. */
    public static BucketId bucketId(ServerRequest request, String parameter) {
        return BucketId.of(request.path().pathParameters().first(parameter).orElse(""));
    }

    /**
     * The {@code {+path}} tail as a validated object name (Helidon has already percent-decoded it). Helidon routes
     * the normalised path, where {@code a/./b} and {@code a//b} became {@code a/b}: such a request names no valid
     * key, so the path as sent is checked too.
     */
    public static ObjectName objectName(ServerRequest request) {
        String rawPath = request.prologue().uriPath().rawPathNoParams();
        if (DOT_OR_EMPTY_SEGMENT.matcher(rawPath).find()) {
            throw InvalidInput.invalidKey(rawPath);
        }
        return ObjectName.of(request.path().pathParameters().first("path").orElse(""));
    }

    public static Optional<String> header(ServerRequest request, HeaderName name) {
        return request.headers().first(name).map(String::trim).filter(value -> !value.isEmpty());
    }

    public static Optional<String> header(ServerRequest request, String name) {
        return header(request, HeaderNames.create(name));
    }

    /** Whether {@code x-upsert: true} was sent. */
    public static boolean upsert(ServerRequest request) {
        return header(request, X_UPSERT).map("true"::equalsIgnoreCase).orElse(false);
    }

    public static Optional<String> query(ServerRequest request, String name) {
        return request.query().first(name).asOptional();
    }

    /** A non-negative integer query value; anything else is an {@code InvalidParameter}. */
    public static OptionalInt queryInt(ServerRequest request, String name) {
        Optional<String> raw = query(request, name).filter(value -> !value.isEmpty());
        if (raw.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < 0) {
                throw InvalidInput.invalidParameter(name);
            }
            return OptionalInt.of(value);
        } catch (NumberFormatException e) {
            throw InvalidInput.invalidParameter(name);
        }
    }

    /** {@code asc} (default) or {@code desc}, any case; anything else is an {@code InvalidParameter}. */
    public static SortOrder sortOrder(Optional<String> raw, String parameter) {
        return switch (raw.orElse("asc").toLowerCase(Locale.ROOT)) {
            case "asc" -> SortOrder.ASC;
            case "desc" -> SortOrder.DESC;
            default -> throw InvalidInput.invalidParameter(parameter);
        };
    }
}
