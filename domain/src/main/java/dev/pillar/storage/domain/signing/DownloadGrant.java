package dev.pillar.storage.domain.signing;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;

import java.util.Objects;

/** A signed download URL's grant: read one object while {@code validity} lasts. */
public record DownloadGrant(BucketId bucketId, ObjectName name, Validity validity) implements SignedGrant {
    public DownloadGrant {
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(validity, "validity");
    }
}
