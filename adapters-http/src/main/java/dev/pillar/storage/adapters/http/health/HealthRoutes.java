package dev.pillar.storage.adapters.http.health;

import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.application.health.CheckHealth;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /health}: 200 when the database and the object store answer, 503 otherwise. */
public final class HealthRoutes implements HttpService {
    private final CheckHealth checkHealth;

    public HealthRoutes(CheckHealth checkHealth) {
        this.checkHealth = checkHealth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::health).head("/health", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        CheckHealth.Health health = checkHealth.check();
        Json.send(res, health.isUp() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, Json.object()
                .put("status", health.isUp() ? "ok" : "unavailable")
                .put("database", health.database() ? "ok" : "unavailable")
                .put("objectStore", health.objectStore() ? "ok" : "unavailable"));
    }
}
