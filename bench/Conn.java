import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 keep-alive client on one socket: as little client work as possible per request, so that on
 * a small machine the load generator takes little of the CPU the server needs. Content-Length and chunked bodies.
 */
final class Conn implements AutoCloseable {
    /** A response: status, unless streamed to a sink its body, and its {@code Location} header (or null). */
    record Response(int status, byte[] body, long length, String location) {
    }

    /** Receives a streamed body. */
    interface Sink {
        void accept(byte[] buffer, int length);
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Conn(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Response send(String method, String path, String headers, byte[] body) throws IOException {
        return exchange(method, path, headers, body == null ? null : new java.io.ByteArrayInputStream(body),
                body == null ? -1 : body.length, null);
    }

    /** Sends a body of {@code length} bytes read from {@code body}; a sink gets the response body if given. */
    Response exchange(String method, String path, String headers, InputStream body, long length, Sink sink)
            throws IOException {
        open();
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n").append(headers);
        head.append("Content-Length: ").append(Math.max(0, length)).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = body.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        }
        out.flush();
        return read(method.equals("HEAD"), sink);
    }

    private Response read(boolean head, Sink sink) throws IOException {
        String status = line();
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String location = null;
        for (String header; !(header = line()).isEmpty(); ) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("location:")) {
                location = header.substring(9).trim();
            } else if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        int code = Integer.parseInt(status.substring(9, 12));
        ByteArrayOutputStream collected = sink == null ? new ByteArrayOutputStream() : null;
        Sink target = sink != null ? sink : (buffer, n) -> collected.write(buffer, 0, n);
        long total = 0;
        if (!head && chunked) {
            for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; line()) {
                total += copy(size, target);
            }
            line();
        } else if (!head && length > 0) {
            total = copy(length, target);
        }
        if (close) {
            close();
        }
        return new Response(code, collected == null ? null : collected.toByteArray(), total, location);
    }

    private long copy(long length, Sink sink) throws IOException {
        byte[] buffer = new byte[(int) Math.min(length, 1 << 20)];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("connection closed mid-body");
            }
            sink.accept(buffer, n);
            left -= n;
        }
        return length;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private void open() throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = socket.getOutputStream();
        }
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        socket = null;
    }
}
