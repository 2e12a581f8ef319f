package dev.pillar.storage.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A few fixed files over HTTP on a free loopback port: a web page's own origin, for browser tests. */
final class StaticSite implements AutoCloseable {
    private final HttpServer server;

    /** Serves {@code files} (URL path → file); any other path is a 404. */
    StaticSite(Map<String, Path> files) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                Path file = files.get(exchange.getRequestURI().getPath());
                if (file == null || !exchange.getRequestMethod().equals("GET")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                send(exchange, file);
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:port}: what the browser sends as {@code Origin} from these pages. */
    String origin() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void send(HttpExchange exchange, Path file) throws IOException {
        String name = file.getFileName().toString();
        exchange.getResponseHeaders().set("content-type", name.endsWith(".html") ? "text/html; charset=utf-8"
                : "text/javascript; charset=utf-8");
        exchange.getResponseHeaders().set("cache-control", "no-store");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream body = exchange.getResponseBody()) {
            Files.copy(file, body);
        }
    }
}
