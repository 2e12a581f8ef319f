package dev.pillar.storage.adapters.postgres;

import io.helidon.dbclient.DbRow;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reading column values of a row and writing parameters, in the forms the driver uses. */
final class Columns {
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Columns() {
    }

    static Optional<String> text(DbRow row, String column) {
        return Optional.ofNullable(raw(row, column)).map(Object::toString);
    }

    static String requiredText(DbRow row, String column) {
        return text(row, column).orElseThrow(() -> new IllegalStateException("column " + column + " is null"));
    }

    static UUID uuid(DbRow row, String column) {
        Object value = raw(row, column);
        return value instanceof UUID uuid ? uuid : UUID.fromString(String.valueOf(value));
    }

    static Optional<Long> number(DbRow row, String column) {
        return Optional.ofNullable(raw(row, column)).map(value -> ((Number) value).longValue());
    }

    static boolean flag(DbRow row, String column) {
        return Boolean.TRUE.equals(raw(row, column));
    }

    /** A {@code timestamptz} at the microsecond precision Postgres keeps. */
    static Instant instant(DbRow row, String column) {
        return switch (raw(row, column)) {
            case Timestamp timestamp -> timestamp.toInstant();
            case OffsetDateTime dateTime -> dateTime.toInstant();
            case null -> Instant.EPOCH;
            default -> throw new IllegalStateException("column " + column + " is not a timestamp");
        };
    }

    /** The driver's value, null for SQL NULL. */
    private static Object raw(DbRow row, String column) {
        return row.column(column).asOptional().orElse(null);
    }

    /**
     * An instant as a {@code timestamptz} parameter, truncated to the microseconds Postgres keeps (the driver
     * would round, which can move a value into the next second and out of step with the instant in memory).
     */
    static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** Supabase's {@code owner} column is a uuid: set only for owners that are one ({@code owner_id} has all). */
    static Optional<String> ownerUuid(Optional<String> owner) {
        return owner.filter(id -> CANONICAL_UUID.matcher(id).matches());
    }
}
