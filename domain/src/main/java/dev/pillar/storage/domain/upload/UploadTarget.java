package dev.pillar.storage.domain.upload;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.UserMetadata;

import java.util.Objects;
import java.util.Optional;

/**
 * What a resumable upload becomes once complete: the object's bucket and name, its owner, its type,
 * caching and user metadata, and whether it may replace an existing object.
 */
public record UploadTarget(BucketId bucketId, ObjectName name, Optional<String> owner, boolean upsert,
                           MimeType contentType, CacheControl cacheControl, UserMetadata userMetadata) {
    public UploadTarget {
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(name, "name");
        owner = owner == null ? Optional.empty() : owner;
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(cacheControl, "cacheControl");
        userMetadata = userMetadata == null ? UserMetadata.EMPTY : userMetadata;
    }
}
