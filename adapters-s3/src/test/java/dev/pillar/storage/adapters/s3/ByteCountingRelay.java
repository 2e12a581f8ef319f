package dev.pillar.storage.adapters.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a server that counts the bytes it passed from the server to
 * the client: how much of a response the client has actually pulled, give or take the sockets'
 * buffers. It relays only what the client reads, so a client that stops reading stops the count.
 */
final class ByteCountingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong toClient = new AtomicLong();

    ByteCountingRelay(int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        Thread.ofVirtual().name("relay-accept").start(this::acceptLoop);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    long bytesToClient() {
        return toClient.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                Thread.ofVirtual().start(() -> pump(client, server, null));
                Thread.ofVirtual().start(() -> pump(server, client, toClient));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                if (counter != null) {
                    counter.addAndGet(n);
                }
            }
        } catch (IOException connectionGone) {
            // one side closed or reset: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
