package dev.pillar.storage.adapters.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection: an HTTP server on loopback that answers every request with one S3 error, the
 * way an overloaded or failing S3 service does (status, XML body, request id header). It stands in
 * for a service in trouble, which a real one cannot be made to be on demand.
 */
final class FaultyS3Server implements AutoCloseable {
    private final ServerSocket listener;
    private final int status;
    private final String code;
    private final String requestId;
    private final AtomicInteger requests = new AtomicInteger();

    FaultyS3Server(int status, String code, String requestId) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.status = status;
        this.code = code;
        this.requestId = requestId;
        Thread.ofVirtual().name("faulty-s3").start(this::serve);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                skipRequestHead(socket.getInputStream());
                requests.incrementAndGet();
                byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                        + "</Code><Message>injected fault</Message><RequestId>" + requestId + "</RequestId></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 " + status + " Injected\r\nx-amz-request-id: " + requestId
                        + "\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException closed) {
                // the listener was closed, or the client went away: next
            }
        }
    }

    /** Reads up to the blank line that ends the request's head; the requests sent here carry no body. */
    private static void skipRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; matched < end.length && (b = in.read()) >= 0; ) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
