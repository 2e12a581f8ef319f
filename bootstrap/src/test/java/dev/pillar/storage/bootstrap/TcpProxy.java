package dev.pillar.storage.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

    /** Drops every connection, then accepts new ones but never forwards a byte nor answers. */
    synchronized void blackhole() {
        cut();
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

    private static ServerSocket listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + onPort, e);
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
                for (int n = in.read(buffer); n >= 0 && forwarding; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
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
