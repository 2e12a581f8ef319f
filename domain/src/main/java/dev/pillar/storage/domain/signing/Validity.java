package dev.pillar.storage.domain.signing;

import dev.pillar.storage.domain.failure.InvalidInput;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** When a signed URL's grant starts and ends, to the second, as tokens count time. */
public record Validity(Instant issuedAt, Instant expiresAt) {
    /**
     * The latest expiry, in seconds since the epoch: Supabase's bound, so that a JavaScript client can still
     * hold the expiry in milliseconds as a safe integer.
     */
    public static final long MAX_EXPIRY_EPOCH_SECOND = 9_007_199_254_740L;

    public Validity {
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * From {@code now} for {@code expiresIn} seconds, as a client asks: a whole number of seconds, at least
     * one, ending no later than {@link #MAX_EXPIRY_EPOCH_SECOND}; anything else is an invalid
     * {@code expiresIn}.
     */
    public static Validity seconds(Instant now, long expiresIn) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        if (expiresIn < 1 || expiresIn > MAX_EXPIRY_EPOCH_SECOND - issuedAt.getEpochSecond()) {
            throw InvalidInput.invalidParameter("expiresIn");
        }
        return new Validity(issuedAt, issuedAt.plusSeconds(expiresIn));
    }

    /** From {@code now} for a period the server chose. */
    public static Validity of(Instant now, Duration period) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        return new Validity(issuedAt, issuedAt.plus(period));
    }

    /** Whether the grant is over at {@code now}: its last moment is the second before {@code expiresAt}. */
    public boolean isOverAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
