package dev.pillar.storage.domain.signing;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed upload URL's grant: write one object while {@code validity} lasts, recorded as {@code owner}'s,
 * overwriting an existing one only if {@code upsert} was chosen when signing.
 */
public record UploadGrant(BucketId bucketId, ObjectName name, Optional<String> owner, boolean upsert,
                          Validity validity) implements SignedGrant {
    /** How long a signed upload URL stays valid: two hours, as Supabase documents it. */
    public static final Duration VALIDITY = Duration.ofHours(2);

    public UploadGrant {
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(name, "name");
        owner = owner == null ? Optional.empty() : owner;
        Objects.requireNonNull(validity, "validity");
    }
}
