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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

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
    private static final int MAX_ID_LENGTH = 128;
    private final Metrics.Counter requests;
    private final Metrics.Histogram latency;
    private final Metrics.Counter bytesIn;
    private final Metrics.Counter bytesOut;
    private final String apiPrefixAndSlash;
    /** The four series of each method, route and status seen: one map read per request instead of four. */
    private final Map<SeriesKey, RouteSeries> seriesByKey = new ConcurrentHashMap<>();

    /** Observes into {@code metrics}; routes under {@code apiPrefix} are labelled as their twins at the root. */
    public RequestObserver(Metrics metrics, String apiPrefix) {
        this.apiPrefixAndSlash = apiPrefix + "/";
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
        String requestId = req.headers().first(X_REQUEST_ID).filter(RequestObserver::usable)
                .orElseGet(RequestObserver::newRequestId);
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
        int status = res.status().code();
        long out = res.bytesWritten();
        SeriesKey key = new SeriesKey(method, route, status);
        RouteSeries series = seriesByKey.get(key);
        if (series == null) {
            series = seriesByKey.computeIfAbsent(key, this::series);
        }
        series.requests().add(1);
        series.latency().observe(seconds);
        series.bytesIn().add(in);
        series.bytesOut().add(out);
        if (LOG.isLoggable(Level.INFO)) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("request_id", requestId);
            line.put("method", method);
            line.put("route", route);
            line.put("status", status);
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

    private RouteSeries series(SeriesKey key) {
        String status = Integer.toString(key.status());
        return new RouteSeries(requests.labels(key.method(), key.route(), status),
                latency.labels(key.method(), key.route(), status),
                bytesIn.labels(key.method(), key.route()), bytesOut.labels(key.method(), key.route()));
    }

    private String withoutPrefix(String pattern) {
        return pattern.startsWith(apiPrefixAndSlash) ? pattern.substring(apiPrefixAndSlash.length() - 1) : pattern;
    }

    /** 1 to 128 visible ASCII characters. */
    private static boolean usable(String id) {
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random (version 4) UUID from the thread's generator rather than {@link UUID#randomUUID()}'s secure one:
     * a request id correlates log lines and is handed to the client, it guards nothing.
     */
    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xCL << 60)) | (0x8L << 60);
        return new UUID(high, low).toString();
    }

    private record SeriesKey(String method, String route, int status) {
    }

    private record RouteSeries(Metrics.CounterSeries requests, Metrics.HistogramSeries latency,
                               Metrics.CounterSeries bytesIn, Metrics.CounterSeries bytesOut) {
    }
}
