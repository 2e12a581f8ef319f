package dev.pillar.storage.adapters.http.observe;

import dev.pillar.storage.adapters.http.support.RequestNotes;
import dev.pillar.storage.application.metrics.Metrics;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Wraps every request: gives it a request id (the client's {@code X-Request-Id} when usable, else a new one,
 * returned either way), counts and times it by route pattern and status, counts its bytes both ways, and
 * writes one structured access-log line when the response is sent. Never logs headers or the query string,
 * so no key or signed-URL token can reach the log.
 */
public final class RequestObserver implements Filter {
    /** The access log's logger name: one INFO record per request whose only parameter is a map of fields. */
    public static final String ACCESS_LOG = "dev.pillar.storage.access";
    static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final System.Logger LOG = System.getLogger(ACCESS_LOG);
    private static final Pattern USABLE_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private final Metrics.Counter requests;
    private final Metrics.Histogram latency;
    private final Metrics.Counter bytesIn;
    private final Metrics.Counter bytesOut;
    private final String apiPrefix;

    /** Observes into {@code metrics}; routes under {@code apiPrefix} are labelled as their twins at the root. */
    public RequestObserver(Metrics metrics, String apiPrefix) {
        this.apiPrefix = apiPrefix;
        requests = metrics.counter("storage_http_requests_total",
                "HTTP requests answered, by method, route pattern and status.", "method", "route", "status");
        latency = metrics.histogram("storage_http_request_duration_seconds",
                "Time from the request's arrival to its response being sent, by method, route pattern and status.",
                Metrics.LATENCY_BUCKETS, "method", "route", "status");
        bytesIn = metrics.counter("storage_http_request_bytes_total",
                "Request body bytes read, by method and route pattern.", "method", "route");
        bytesOut = metrics.counter("storage_http_response_bytes_total",
                "Response bytes written (status line and headers included), by method and route pattern.", "method", "route");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String requestId = req.headers().first(X_REQUEST_ID).filter(id -> USABLE_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        res.header(X_REQUEST_ID, requestId);
        RequestNotes notes = new RequestNotes();
        req.context().register(notes);
        CountingInputStream[] body = new CountingInputStream[1];
        req.streamFilter(in -> body[0] = new CountingInputStream(in));
        res.whenSent(() -> record(req, res, notes, requestId, start, body[0] == null ? 0 : body[0].count()));
        chain.proceed();
    }

    private void record(RoutingRequest req, RoutingResponse res, RequestNotes notes, String requestId, long start,
                        long in) {
        double seconds = (System.nanoTime() - start) / 1e9;
        String method = req.prologue().method().text();
        String route = req.matchingPattern().filter(pattern -> !pattern.isEmpty())
                .map(this::withoutPrefix).orElse("unmatched");
        String status = Integer.toString(res.status().code());
        long out = res.bytesWritten();
        requests.add(1, method, route, status);
        latency.observe(seconds, method, route, status);
        bytesIn.add(in, method, route);
        bytesOut.add(out, method, route);
        if (LOG.isLoggable(Level.INFO)) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("request_id", requestId);
            line.put("method", method);
            line.put("route", route);
            line.put("status", res.status().code());
            Parameters parameters = req.path().pathParameters();
            parameters.first("bucket").asOptional().or(() -> parameters.first("id").asOptional())
                    .ifPresent(bucket -> line.put("bucket", bucket));
            parameters.first("path").asOptional().ifPresent(object -> line.put("object", object));
            line.put("bytes_in", in);
            line.put("bytes_out", out);
            line.put("duration_ms", Math.round(seconds * 1e4) / 10.0);
            line.put("role", notes.role().orElse("none"));
            notes.errorCode().ifPresent(code -> line.put("error", code));
            notes.cause().ifPresent(cause -> line.put("cause", cause));
            LOG.log(Level.INFO, "request", line);
        }
    }

    private String withoutPrefix(String pattern) {
        return pattern.startsWith(apiPrefix + "/") ? pattern.substring(apiPrefix.length()) : pattern;
    }
}
