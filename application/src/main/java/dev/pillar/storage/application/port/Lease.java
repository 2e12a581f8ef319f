package dev.pillar.storage.application.port;

import java.time.Instant;
import java.util.Objects;

/**
 * The right of one request to write a resumable upload until {@code until}: held by whoever presents
 * {@code token}. A lease that lapsed (its holder died) may be taken by the next request.
 */
public record Lease(String token, Instant until) {
    public Lease {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(until, "until");
    }

    public boolean isHeldAt(Instant now) {
        return now.isBefore(until);
    }

    /** The same lease, lasting until {@code later}. */
    public Lease renewedUntil(Instant later) {
        return new Lease(token, later);
    }
}
