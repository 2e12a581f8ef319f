package dev.pillar.storage.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port in front of a real server (PostgreSQL in the fault tests), two virtual-thread
 * pumps per connection. Fault tests {@link #cut()} it, which drops every open connection and refuses new ones as a
 * vanished host does, or {@link #blackhole()} it, which accepts connections and never answers, as a host behind a
 * dead link does; {@link #restore()} listens on the same port again.
 */
final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean forwarding;

    private TcpProxy(int targetPort, int port) {
        this.targetPort = targetPort;
        this.port = port;
    }

    /** A proxy on a free loopback port forwarding to {@code 127.0.0.1:targetPort}. */
    static TcpProxy to(int targetPort) {
        ServerSocket first = listen(0);
        TcpProxy bound = new TcpProxy(targetPort, first.getLocalPort());
        bound.serve(first, true);
        return bound;
    }

    int port() {
        return port;
    }

    /** Drops every connection through the proxy and stops listening: connecting is refused. */
    synchronized void cut() {
        forwarding = false;
        closeQuietly(listener);
        dropConnections();
    }

    /**
     * Stops forwarding: open connections stay open but carry nothing more, new ones are accepted and never
     * answered, as behind a dead link.
     */
    synchronized void blackhole() {
        forwarding = false;
        closeQuietly(listener);
        serve(listen(port), false);
    }

    /** Forwards again on the same port. */
    synchronized void restore() {
        cut();
        serve(listen(port), true);
    }

    @Override
    public synchronized void close() {
        cut();
    }

    /** Binds {@code onPort}; a listener just closed may hold it until its accepting thread has woken up. */
    private static ServerSocket listen(int onPort) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                try {
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
                    return socket;
                } catch (BindException stillHeld) {
                    socket.close();
                    if (System.nanoTime() > deadline) {
                        throw stillHeld;
                    }
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + onPort, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void serve(ServerSocket socket, boolean forward) {
        listener = socket;
        forwarding = forward;
        Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> accept(socket, forward));
    }

    private void accept(ServerSocket socket, boolean forward) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                sockets.add(client);
                if (forward) {
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(server);
                    pump(client, server);
                    pump(server, client);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (forwarding) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException dropped) {
                // the other pump, or cut(), closed a socket of this connection
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    private void dropConnections() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
