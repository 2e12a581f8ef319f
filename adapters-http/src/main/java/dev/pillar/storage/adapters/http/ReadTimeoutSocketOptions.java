package dev.pillar.storage.adapters.http;

import io.helidon.common.socket.SocketOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Helidon's socket options plus what Helidon 4.5 leaves out on the server side: the read timeout is set on every
 * accepted connection ({@code SO_TIMEOUT}), so a client that stops sending (mid-headers, mid-body, or idle between
 * requests) is dropped after it instead of holding its connection for ever. It applies to the blocking socket
 * streams the server reads with {@code useNio(false)} (ADR 0016).
 */
final class ReadTimeoutSocketOptions implements SocketOptions {
    private final SocketOptions options;

    ReadTimeoutSocketOptions(Duration readTimeout) {
        this.options = SocketOptions.builder().readTimeout(readTimeout).build();
    }

    @Override
    public void configureSocket(SocketChannel channel) {
        options.configureSocket(channel);
        try {
            channel.socket().setSoTimeout(Math.toIntExact(options.readTimeout().toMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<SocketOption<?>, Object> socketOptions() {
        return options.socketOptions();
    }

    @Override
    public Duration connectTimeout() {
        return options.connectTimeout();
    }

    @Override
    public Duration readTimeout() {
        return options.readTimeout();
    }

    @Override
    public Optional<Integer> socketReceiveBufferSize() {
        return options.socketReceiveBufferSize();
    }

    @Override
    public Optional<Integer> socketSendBufferSize() {
        return options.socketSendBufferSize();
    }

    @Override
    public boolean socketReuseAddress() {
        return options.socketReuseAddress();
    }

    @Override
    public boolean socketKeepAlive() {
        return options.socketKeepAlive();
    }

    @Override
    public boolean tcpNoDelay() {
        return options.tcpNoDelay();
    }
}
