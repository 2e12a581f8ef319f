package dev.pillar.storage.adapters.http.cors;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;

/**
 * CORS for every route, errors and unknown paths included: answers preflights itself (204) and marks
 * every other answer readable by allowed origins. It only tells browsers what they may read; it never
 * lets a request through that authorization would refuse.
 */
public final class CorsFilter implements Filter {
    /** What supabase-js, storage-js and tus-js-client send (see the contract's "Browsers (CORS)"). */
    static final String ALLOWED_HEADERS = String.join(", ",
            "apikey", "authorization", "cache-control", "content-type", "x-client-info", "x-metadata",
            "x-upsert", "x-signature", "range", "if-none-match", "if-modified-since", "x-request-id",
            "x-retry-count", "traceparent", "tracestate", "baggage",
            "tus-resumable", "upload-length", "upload-metadata", "upload-offset", "upload-defer-length",
            "upload-concat");
    /** What clients must read from answers: tus-js-client cannot resume or finish without the Upload-* ones. */
    static final String EXPOSED_HEADERS = String.join(", ",
            "Location", "Upload-Offset", "Upload-Length", "Upload-Expires", "Upload-Metadata", "Tus-Resumable",
            "Tus-Version", "Tus-Extension", "Tus-Max-Size", "Content-Range", "Content-Disposition", "ETag",
            "X-Transformations", "X-Request-Id");
    private static final Header ALLOW_METHODS = HeaderValues.create(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS,
            "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    private static final Header ALLOW_HEADERS =
            HeaderValues.create(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
    private static final Header EXPOSE_HEADERS =
            HeaderValues.create(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
    private static final Header VARY_ORIGIN = HeaderValues.create(HeaderNames.VARY, "Origin");

    private final CorsSettings settings;
    private final Header maxAge;

    public CorsFilter(CorsSettings settings) {
        this.settings = settings;
        this.maxAge = HeaderValues.create(HeaderNames.ACCESS_CONTROL_MAX_AGE, settings.maxAge().toSeconds());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        boolean allowed = settings.anyOrigin() || origin.filter(settings::allows).isPresent();
        if (!settings.anyOrigin()) {
            // The answer depends on the Origin: without this a cache could hand one origin's answer to another.
            response.header(VARY_ORIGIN);
        }
        if (allowed) {
            response.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, settings.anyOrigin() ? "*" : origin.orElseThrow());
        }
        if (isPreflight(request)) {
            if (allowed) {
                response.header(ALLOW_METHODS).header(ALLOW_HEADERS).header(maxAge);
            }
            response.status(Status.NO_CONTENT_204).send();
            return;
        }
        if (allowed) {
            response.header(EXPOSE_HEADERS);
        }
        chain.proceed();
    }

    private static boolean isPreflight(RoutingRequest request) {
        return request.prologue().method() == Method.OPTIONS
                && request.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }
}
