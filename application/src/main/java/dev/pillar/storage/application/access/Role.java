package dev.pillar.storage.application.access;

import dev.pillar.storage.domain.failure.InvalidToken;

/** The database roles a caller can act as; {@code service_role} bypasses row-level security. */
public enum Role {
    ANON("anon"), AUTHENTICATED("authenticated"), SERVICE_ROLE("service_role");

    private final String dbName;

    Role(String dbName) {
        this.dbName = dbName;
    }

    /** The Postgres role name, as in the JWT's {@code role} claim. */
    public String dbName() {
        return dbName;
    }

    public static Role fromClaim(String claim) {
        for (Role role : values()) {
            if (role.dbName.equals(claim)) {
                return role;
            }
        }
        throw new InvalidToken(InvalidToken.Reason.INVALID_JWT, "role \"" + claim + "\" does not exist");
    }
}
