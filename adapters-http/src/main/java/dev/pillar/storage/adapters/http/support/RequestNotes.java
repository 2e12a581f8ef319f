package dev.pillar.storage.adapters.http.support;

import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

/**
 * What a request's handlers learned that its access-log line should tell: the caller's role once the key is
 * verified, and the error sent with its cause. Lives in the request's context, put there by the observer.
 */
public final class RequestNotes {
    private volatile String role;
    private volatile String errorCode;
    private volatile String cause;

    /** The notes of {@code request}, if the observer is in place (it always is in the server). */
    public static Optional<RequestNotes> of(ServerRequest request) {
        return request.context().get(RequestNotes.class);
    }

    public void role(String role) {
        this.role = role;
    }

    public void errorCode(String code) {
        this.errorCode = code;
    }

    public void cause(Throwable cause) {
        this.cause = cause.toString();
    }

    public Optional<String> role() {
        return Optional.ofNullable(role);
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> cause() {
        return Optional.ofNullable(cause);
    }
}
