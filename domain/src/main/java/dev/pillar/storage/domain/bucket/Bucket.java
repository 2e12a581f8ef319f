package dev.pillar.storage.domain.bucket;

import dev.pillar.storage.domain.failure.MimeTypeNotAllowed;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.MimeType;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Aggregate: a named container of objects with its own upload policy. */
public record Bucket(BucketId id, String name, Optional<String> owner, BucketSettings settings,
                     Instant createdAt, Instant updatedAt) {
    public Bucket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        owner = owner == null ? Optional.empty() : owner;
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Bucket create(BucketId id, Optional<String> owner, BucketSettings settings, Instant now) {
        return new Bucket(id, id.value(), owner, settings, now, now);
    }

    public Bucket withSettings(BucketSettings newSettings, Instant now) {
        return new Bucket(id, name, owner, newSettings, createdAt, now);
    }

    public boolean isPublic() {
        return settings.isPublic();
    }

    /** The largest object this bucket accepts: its own limit, never above the server's. */
    public ByteSize uploadLimit(ByteSize globalLimit) {
        return settings.fileSizeLimit().map(own -> own.min(globalLimit)).orElse(globalLimit);
    }

    /** Refuses a declared size above {@link #uploadLimit}. */
    public void admitSize(ByteSize size, ByteSize globalLimit) {
        if (size.isGreaterThan(uploadLimit(globalLimit))) {
            throw new TooLarge();
        }
    }

    /** Refuses a content type the bucket does not list (an empty list accepts everything). */
    public void admitContentType(MimeType type) {
        if (!settings.allowedMimeTypes().isEmpty()
                && settings.allowedMimeTypes().stream().noneMatch(type::matches)) {
            throw new MimeTypeNotAllowed(type.essence());
        }
    }
}
