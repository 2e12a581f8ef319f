import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;

/**
 * The raw ceiling of the benchmark: the thinnest HTTP path from the JDK to the same disk. {@code PUT /raw/name}
 * streams the body to a temp file, fsyncs and renames it (what the storage server's file backend does too);
 * {@code GET /raw/name} streams it back with its length. No auth, no database, no metadata.
 * Run: {@code java RawServer.java <dir>}; prints the port it listens on (loopback only).
 */
public class RawServer {
    public static void main(String[] args) throws IOException {
        Path root = Files.createDirectories(Path.of(args[0]));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/raw/", exchange -> {
            try (exchange) {
                Path file = root.resolve(exchange.getRequestURI().getPath().substring(5).replace('/', '_'));
                switch (exchange.getRequestMethod()) {
                    case "PUT" -> put(exchange, file);
                    case "GET" -> get(exchange, file);
                    default -> exchange.sendResponseHeaders(405, -1);
                }
            }
        });
        server.start();
        System.out.println(server.getAddress().getPort());
    }

    private static void put(HttpExchange exchange, Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + "." + Thread.currentThread().threadId() + ".tmp");
        try (InputStream in = exchange.getRequestBody();
             FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(Channels.newOutputStream(out));
            out.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        exchange.sendResponseHeaders(200, -1);
    }

    private static void get(HttpExchange exchange, Path file) throws IOException {
        if (!Files.exists(file)) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            exchange.sendResponseHeaders(200, in.size());
            try (OutputStream out = exchange.getResponseBody()) {
                Channels.newInputStream(in).transferTo(out);
            }
        }
    }
}
