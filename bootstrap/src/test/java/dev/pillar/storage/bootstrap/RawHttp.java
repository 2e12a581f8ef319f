package dev.pillar.storage.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Exact bytes to a server over a plain loopback socket, and its answer parsed back: for the malformed requests
 * {@code java.net.http} refuses to send (bad request lines, lying lengths, endless chunked bodies, raw control
 * bytes). Every read has a timeout, so a server that never answers fails the test instead of hanging it.
 */
final class RawHttp {
    private final String host;
    private final int port;
    private final Duration readTimeout;

    RawHttp(String host, int port, Duration readTimeout) {
        this.host = host;
        this.port = port;
        this.readTimeout = readTimeout;
    }

    /** A response: status, headers by lower-case name, body (empty for HEAD). */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).map(List::getFirst);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends {@code request} on a new connection and reads one response; the connection is closed after. With
     * {@code endOutput} the client then shuts its sending side, as one that has no more to say.
     */
    Response send(byte[] request, boolean endOutput) {
        try (Connection connection = open()) {
            return connection.exchange(request, endOutput);
        }
    }

    Connection open() {
        try {
            Socket socket = new Socket(host, port);
            socket.setSoTimeout((int) readTimeout.toMillis());
            return new Connection(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a connection to {@code url}'s server and sends the head of a {@code method} request for its path
     * ({@code headers} as name, value pairs), leaving the body to the caller: a fault test controls it byte by byte.
     */
    static Connection start(String method, URI url, Duration readTimeout, String... headers) {
        List<String> lines = new ArrayList<>(List.of("Host: 127.0.0.1:" + url.getPort(), "Connection: close"));
        for (int i = 0; i < headers.length; i += 2) {
            lines.add(headers[i] + ": " + headers[i + 1]);
        }
        Connection connection = new RawHttp(url.getHost(), url.getPort(), readTimeout).open();
        try {
            connection.write(request(method + " " + url.getRawPath() + " HTTP/1.1", lines, new byte[0]));
            return connection;
        } catch (IOException e) {
            connection.close();
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a request: a request line, header lines and a body, joined with CRLF as HTTP/1.1 wants. */
    static byte[] request(String requestLine, List<String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n");
        headers.forEach(header -> head.append(header).append("\r\n"));
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    /** One kept-alive connection: several exchanges in turn. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /**
         * Writes {@code request} and reads one response. A server may answer and close before it has read
         * everything (a refused upload): a failed write then still reads what it answered.
         */
        Response exchange(byte[] request, boolean endOutput) {
            try {
                out.write(request);
                out.flush();
                if (endOutput) {
                    socket.shutdownOutput();
                }
            } catch (IOException serverStoppedReading) {
                // the answer may already be waiting: read it below
            }
            return read(requestMethod(request));
        }

        /** Writes part of a request and leaves the connection open: a client that stops half-way. */
        Connection write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        /** Writes the next {@code count} bytes of {@code body}. */
        Connection write(InputStream body, long count) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            for (long left = count; left > 0; ) {
                int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the body ended " + left + " bytes early");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            out.flush();
            return this;
        }

        /** The client vanishes: the connection is reset, not closed in an orderly way. */
        void abort() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /** Reads one response; {@code method} tells whether a body follows ({@code HEAD} has none). */
        Response read(String method) {
            try {
                String statusLine = line();
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                    throw new IllegalStateException("not an HTTP status line: " + statusLine);
                }
                int status = Integer.parseInt(parts[1]);
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (String line = line(); !line.isEmpty(); line = line()) {
                    int colon = line.indexOf(':');
                    headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            name -> new ArrayList<>()).add(line.substring(colon + 1).trim());
                }
                return new Response(status, headers, body(method, status, headers));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether the server closed the connection: a read sees the end of the stream (or a reset). */
        boolean closedByServer() {
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }

        private byte[] body(String method, int status, Map<String, List<String>> headers) throws IOException {
            if (method.equals("HEAD") || status == 204 || status == 304) {
                return new byte[0];
            }
            List<String> length = headers.get("content-length");
            if (length != null) {
                return in.readNBytes(Integer.parseInt(length.getFirst()));
            }
            if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (int size = chunkSize(); size > 0; size = chunkSize()) {
                    body.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailer lines
                }
                return body.toByteArray();
            }
            return in.readAllBytes();
        }

        private int chunkSize() throws IOException {
            String line = line();
            int extension = line.indexOf(';');
            return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the connection closed in the middle of a response");
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        private static String requestMethod(byte[] request) {
            int space = 0;
            while (space < request.length && request[space] != ' ') {
                space++;
            }
            return new String(request, 0, space, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
