package dev.pillar.storage.application.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking: the role the database will act as, the user id ({@code sub}) if any, and the
 * verified claims as JSON text, handed to row-level-security policies unchanged.
 */
public record Caller(Role role, Optional<String> subject, String claimsJson) {
    private static final Caller SYSTEM = new Caller(Role.SERVICE_ROLE, Optional.empty(), "{\"role\":\"service_role\"}");

    public Caller {
        Objects.requireNonNull(role, "role");
        subject = subject == null ? Optional.empty() : subject;
        Objects.requireNonNull(claimsJson, "claimsJson");
    }

    /** The server itself, for lookups Supabase also makes as superuser (bucket policy, public reads). */
    public static Caller system() {
        return SYSTEM;
    }
}
