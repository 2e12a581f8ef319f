package dev.pillar.storage.bootstrap;

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

/**
 * One HTTP/1.1 request written by hand on a socket, so a fault test controls the body byte by byte: send part of
 * it, stop the service behind the server, send the rest, or vanish mid-body as a client whose network died.
 */
final class RawRequest implements AutoCloseable {
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

    /** Reads the whole answer (the server closes after it: {@code Connection: close}). */
    Answer answer(Duration patience) throws IOException {
        socket.setSoTimeout((int) patience.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (IOException endedByReset) {
            if (all.size() == 0) {
                throw endedByReset;
            }
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || split < 0) {
            throw new IOException("not an HTTP answer: " + text);
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(split + 4));
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
