package dev.pillar.storage.adapters.http;

import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.auth.Jwt;
import dev.pillar.storage.adapters.http.bucket.BucketRoutes;
import dev.pillar.storage.adapters.http.cors.CorsFilter;
import dev.pillar.storage.adapters.http.health.HealthRoutes;
import dev.pillar.storage.adapters.http.object.ObjectRoutes;
import dev.pillar.storage.adapters.http.observe.MetricsRoutes;
import dev.pillar.storage.adapters.http.observe.RequestObserver;
import dev.pillar.storage.adapters.http.object.SignedUrlTokens;
import dev.pillar.storage.adapters.http.openapi.OpenApiRoutes;
import dev.pillar.storage.adapters.http.render.RenderRoutes;
import dev.pillar.storage.adapters.http.upload.ResumableUploadRoutes;
import dev.pillar.storage.adapters.http.support.ApiError;
import dev.pillar.storage.adapters.http.support.ErrorHandlers;
import dev.pillar.storage.adapters.http.support.TransportErrors;
import dev.pillar.storage.application.metrics.Metrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Helidon 4 SE server (virtual thread per request) speaking the Supabase Storage API, under
 * {@code /storage/v1} and at the root, so it works with or without a gateway that strips the prefix;
 * browsers on other origins are served directly (CORS on every route).
 */
public final class StorageHttpServer implements AutoCloseable {
    private static final String API_PREFIX = "/storage/v1";
    private final WebServer server;

    private StorageHttpServer(WebServer server) {
        this.server = server;
    }

    /** Starts serving; every request is observed into {@code metrics} and the access log. */
    public static StorageHttpServer start(HttpSettings settings, UseCases useCases, Metrics metrics) {
        Jwt jwt = new Jwt(settings.jwtSecret(), Clock.systemUTC());
        List<HttpService> services = services(new Authenticator(jwt), jwt, useCases, metrics);
        ErrorHandlers errors = new ErrorHandlers(settings.errorStatusMode());
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter(new RequestObserver(metrics, API_PREFIX));
        routing.addFilter(new CorsFilter(settings.cors()));
        routing.addFilter(new BodyPace(settings.readTimeout()));
        HttpService[] all = services.toArray(HttpService[]::new);
        routing.register(API_PREFIX, all);
        routing.register(all);
        routing.any((req, res) -> errors.send(req, res, new ApiError(404, "NotFound", "Not Found",
                "Route " + req.prologue().method().text() + ":" + req.path().path() + " not found")));
        errors.register(routing);
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // blocking socket streams, so that the read timeout (SO_TIMEOUT) applies to every read; bodies are
                // also paced by BodyPace (ADR 0016)
                .useNio(false)
                .connectionOptions(new ReadTimeoutSocketOptions(settings.readTimeout()))
                .idleConnectionTimeout(settings.readTimeout())
                .idleConnectionPeriod(idleCheckPeriod(settings.readTimeout()))
                .directHandlers(TransportErrors.handlers(settings.errorStatusMode()))
                .routing(routing)
                .build()
                .start();
        if (!server.isRunning() || server.port() < 0) {
            server.stop();
            throw new IllegalStateException("could not listen on " + settings.host() + ":" + settings.port()
                    + " (is the port already in use?)");
        }
        return new StorageHttpServer(server);
    }

    /** Every service of the API in registration order: the route table (which the OpenAPI test reads too). */
    static List<HttpService> services(Authenticator auth, Jwt jwt, UseCases useCases, Metrics metrics) {
        List<HttpService> services = new ArrayList<>(List.of(
                new HealthRoutes(useCases.checkHealth()),
                new MetricsRoutes(metrics),
                new BucketRoutes(auth, useCases.createBucket(), useCases.listBuckets(), useCases.getBucket(),
                        useCases.updateBucket(), useCases.deleteBucket(), useCases.emptyBucket()),
                new ObjectRoutes(auth, jwt, useCases),
                new ResumableUploadRoutes(auth, useCases),
                new OpenApiRoutes()));
        useCases.transformImage().ifPresent(transformImage ->
                services.add(new RenderRoutes(auth, new SignedUrlTokens(jwt), useCases, transformImage)));
        return services;
    }

    /** How often idle connections are looked for: a quarter of the read timeout, between 100 ms and 10 s. */
    private static Duration idleCheckPeriod(Duration readTimeout) {
        long millis = Math.clamp(readTimeout.toMillis() / 4, 100, 10_000);
        return Duration.ofMillis(millis);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
