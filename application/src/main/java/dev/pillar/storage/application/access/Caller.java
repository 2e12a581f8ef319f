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

    /**
     * Whether this caller's reads see what the server's see: service_role bypasses row-level security, so no
     * policy and no claim shapes what it reads.
     */
    public boolean readsAsServer() {
        return role == Role.SERVICE_ROLE;
    }

    /**
     * The server writing on behalf of {@code owner}, as Supabase does for a signed upload: policies are
     * bypassed (they were checked when the URL was signed) and the object is recorded as the owner's.
     */
    public static Caller systemOnBehalfOf(Optional<String> owner) {
        return owner.map(sub -> new Caller(Role.SERVICE_ROLE, owner,
                        "{\"role\":\"service_role\",\"sub\":" + jsonString(sub) + "}"))
                .orElse(SYSTEM);
    }

    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        text.chars().forEach(c -> {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c));
            }
        });
        return json.append('"').toString();
    }
}
