package dev.pillar.storage.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.auth.Jwt;
import dev.pillar.storage.adapters.http.openapi.OpenApiRoutes;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.application.image.TransformImage;
import dev.pillar.storage.application.metrics.Metrics;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written OpenAPI document against the route table the server actually registers. */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "head", "patch", "options",
            "trace");

    @Test
    void documents_exactly_the_routes_the_server_registers_method_by_method() throws Exception {
        assertEquals(registeredRoutes(), documentedRoutes());
    }

    @Test
    void is_an_openapi_3_document_whose_every_operation_has_a_summary_and_an_error_response() throws IOException {
        JsonNode document = document();

        assertTrue(document.path("openapi").asText().startsWith("3."));
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String where = operation.getKey() + " " + path.getKey();
            assertTrue(operation.getValue().path("summary").isTextual(), where + " has a summary");
            assertTrue(operation.getValue().path("responses").has("default"), where + " documents its errors");
        }));
    }

    /** "METHOD /path" for every operation of the document. */
    private static Set<String> documentedRoutes() throws IOException {
        Set<String> routes = new TreeSet<>();
        document().path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return routes;
    }

    /**
     * "METHOD /path" for every route the services register, read by handing them a recording {@link HttpRules};
     * Helidon's multi-segment {@code {+path}} is written {@code {path}} in OpenAPI.
     */
    private static Set<String> registeredRoutes() throws Exception {
        List<String> recorded = new ArrayList<>();
        HttpRules[] recorder = new HttpRules[1];
        recorder[0] = (HttpRules) Proxy.newProxyInstance(HttpRules.class.getClassLoader(), new Class<?>[]{HttpRules.class},
                (proxy, method, args) -> {
                    if (!METHODS.contains(method.getName()) || args == null || !(args[0] instanceof String path)) {
                        throw new UnsupportedOperationException("unexpected registration: " + method);
                    }
                    recorded.add(method.getName().toUpperCase(Locale.ROOT) + " " + path.replace("{+path}", "{path}"));
                    return recorder[0];
                });
        Jwt jwt = new Jwt("route-table", Clock.systemUTC());
        for (HttpService service : StorageHttpServer.services(new Authenticator(jwt), jwt, useCasesOfNothing(), new Metrics())) {
            service.routing(recorder[0]);
        }
        Set<String> routes = new TreeSet<>(recorded);
        assertEquals(recorded.size(), routes.size(), "no route is registered twice");
        return routes;
    }

    /** Routing only registers handlers, so the use cases themselves are never needed here. */
    private static UseCases useCasesOfNothing() throws ReflectiveOperationException {
        Class<?>[] types = Arrays.stream(UseCases.class.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Object[] nothing = Arrays.stream(types)
                .map(type -> type == Optional.class ? Optional.of(mock(TransformImage.class)) : null).toArray();
        return UseCases.class.getDeclaredConstructor(types).newInstance(nothing);
    }

    private static JsonNode document() throws IOException {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(OpenApiRoutes.RESOURCE)) {
            return Json.MAPPER.readTree(in);
        }
    }
}
