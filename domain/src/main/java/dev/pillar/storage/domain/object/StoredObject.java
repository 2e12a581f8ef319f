package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.bucket.BucketId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Aggregate: one named object in a bucket, pointing at the stored version of its bytes.
 * A new upload makes a new version; the row is switched to it only once the bytes are stored.
 */
public record StoredObject(UUID id, BucketId bucketId, ObjectName name, Optional<String> owner, String version,
                           ObjectContent content, UserMetadata userMetadata,
                           Instant createdAt, Instant updatedAt, Instant lastAccessedAt) {
    public StoredObject {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(name, "name");
        owner = owner == null ? Optional.empty() : owner;
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(content, "content");
        userMetadata = userMetadata == null ? UserMetadata.EMPTY : userMetadata;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastAccessedAt, "lastAccessedAt");
    }

    public static StoredObject create(UUID id, BucketId bucketId, ObjectName name, Optional<String> owner,
                                      String version, ObjectContent content, UserMetadata userMetadata,
                                      Instant now) {
        return new StoredObject(id, bucketId, name, owner, version, content, userMetadata, now, now, now);
    }

    /**
     * Whether a conditional request's validators say the client already holds this version:
     * {@code If-None-Match} wins when present, else {@code If-Modified-Since} (second precision).
     */
    public boolean isUnchangedFor(Optional<String> ifNoneMatch, Optional<Instant> ifModifiedSince) {
        return isUnchangedFor(content.eTag(), ifNoneMatch, ifModifiedSince);
    }

    /**
     * The same question for a rendering derived from this version (a transformed image) that carries its
     * own entity tag {@code eTag}.
     */
    public boolean isUnchangedFor(String eTag, Optional<String> ifNoneMatch, Optional<Instant> ifModifiedSince) {
        if (ifNoneMatch.isPresent()) {
            String quoted = "\"" + eTag + "\"";
            return Arrays.stream(ifNoneMatch.get().split(","))
                    .map(String::trim)
                    .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                    .anyMatch(tag -> tag.equals("*") || tag.equals(quoted) || tag.equals(eTag));
        }
        return ifModifiedSince.map(since -> !updatedAt.truncatedTo(ChronoUnit.SECONDS).isAfter(since))
                .orElse(false);
    }

    /**
     * This version switched into the row that held its name (an upsert): the row keeps its id and creation time;
     * owner, version, content, user metadata and the other times are this version's.
     */
    public StoredObject switchedInto(UUID rowId, Instant rowCreatedAt) {
        return new StoredObject(rowId, bucketId, name, owner, version, content, userMetadata, rowCreatedAt, updatedAt,
                lastAccessedAt);
    }

    /**
     * The same object under another bucket and name, owned by whoever moved it, its bytes copied to a new
     * version (keys embed the name); identity, content, user metadata and creation time stay.
     */
    public StoredObject movedTo(BucketId newBucket, ObjectName newName, Optional<String> newOwner, String newVersion,
                                Instant now) {
        return new StoredObject(id, newBucket, newName, newOwner, newVersion, content, userMetadata, createdAt, now,
                now);
    }
}
