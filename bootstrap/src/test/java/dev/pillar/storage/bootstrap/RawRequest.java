package dev.pillar.storage.bootstrap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 request written by hand on a socket, so a fault test controls the body byte by byte: send part of
 * it, stop the service behind the server, send the rest, or vanish mid-body as a client whose network died.
 */
final class RawRequest implements AutoCloseable {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
    private final Socket socket;
    private final OutputStream out;

    private RawRequest(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Opens a connection to {@code url}'s host and port and sends the request line and headers. */
    static RawRequest start(String method, URI url, String... headers) {
        try {
            RawRequest request = new RawRequest(new Socket(InetAddress.getLoopbackAddress(), url.getPort()));
            StringBuilder head = new StringBuilder(method).append(' ').append(url.getRawPath()).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(url.getPort()).append("\r\nConnection: close\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            request.out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            return request;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code count} bytes of {@code body}. */
    RawRequest send(InputStream body, long count) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = count;
        while (left > 0) {
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

    RawRequest send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads the answer: its head, then its body as long as Content-Length says, or to the last chunk. */
    Answer answer(Duration patience) throws IOException {
        socket.setSoTimeout((int) patience.toMillis());
        InputStream in = new BufferedInputStream(socket.getInputStream());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int headEnd = -1;
        long expected = -1;
        for (int b = in.read(); b >= 0; b = in.read()) {
            all.write(b);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0 && text.endsWith("\r\n\r\n")) {
                headEnd = text.length();
                Matcher length = CONTENT_LENGTH.matcher(text);
                expected = length.find() ? Long.parseLong(length.group(1)) : -1;
            }
            boolean complete = expected >= 0 ? text.length() - headEnd >= expected : text.endsWith("\r\n0\r\n\r\n");
            if (headEnd >= 0 && complete) {
                break;
            }
        }
        String text = all.toString(StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
            throw new IOException("not an HTTP answer: " + text);
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(text.indexOf("\r\n\r\n") + 4));
    }

    /** The client vanishes: the connection is reset, not closed in an orderly way. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The status and the body of the answer (bodies are small JSON in these tests; chunk sizes are left in). */
    record Answer(int status, String body) {
    }
}
