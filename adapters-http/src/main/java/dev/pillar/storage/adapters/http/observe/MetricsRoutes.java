package dev.pillar.storage.adapters.http.observe;

import dev.pillar.storage.application.metrics.Metrics;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: every metric in the Prometheus text format, for a scraper; no key needed. */
public final class MetricsRoutes implements HttpService {
    private final Metrics metrics;

    public MetricsRoutes(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/metrics", this::scrape);
    }

    private void scrape(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(PrometheusText.render(metrics.read()).getBytes(StandardCharsets.UTF_8));
    }
}
