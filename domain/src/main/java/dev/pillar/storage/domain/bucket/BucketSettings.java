package dev.pillar.storage.domain.bucket;

import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.MimeType;

import java.util.List;
import java.util.Optional;

/** What a bucket owner can choose: visibility, a size limit and the accepted content types. */
public record BucketSettings(boolean isPublic, Optional<ByteSize> fileSizeLimit, List<MimeType> allowedMimeTypes) {
    public BucketSettings {
        fileSizeLimit = fileSizeLimit == null ? Optional.empty() : fileSizeLimit;
        allowedMimeTypes = allowedMimeTypes == null ? List.of() : List.copyOf(allowedMimeTypes);
    }

    public static BucketSettings privateDefaults() {
        return new BucketSettings(false, Optional.empty(), List.of());
    }
}
