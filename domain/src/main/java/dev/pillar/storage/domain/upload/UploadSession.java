package dev.pillar.storage.domain.upload;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.OffsetMismatch;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.failure.UploadExpired;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.ObjectName;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregate: a resumable upload in progress. It owns the offset rules (chunks arrive in order,
 * never past the declared length, never after expiry) and its state transitions.
 */
public record UploadSession(String id, BucketId bucketId, ObjectName objectName, Optional<String> owner,
                            Optional<ByteSize> length, long offset, UploadState state, Instant expiresAt) {
    public UploadSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(objectName, "objectName");
        owner = owner == null ? Optional.empty() : owner;
        length = length == null ? Optional.empty() : length;
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (offset < 0 || length.map(l -> offset > l.bytes()).orElse(false)) {
            throw new IllegalArgumentException("offset " + offset + " outside the upload");
        }
    }

    public static UploadSession start(String id, BucketId bucketId, ObjectName objectName, Optional<String> owner,
                                      Optional<ByteSize> length, Instant expiresAt) {
        return new UploadSession(id, bucketId, objectName, owner, length, 0, UploadState.CREATED, expiresAt);
    }

    /** Checks a chunk may be appended at {@code chunkOffset} now; refuses stale, late or finished uploads. */
    public void admitChunk(long chunkOffset, Instant now) {
        requireOpen(now);
        if (chunkOffset != offset) {
            throw new OffsetMismatch(offset, chunkOffset);
        }
    }

    /** The session after {@code bytes} more were stored; completed once the declared length is reached. */
    public UploadSession received(long bytes, Instant now) {
        requireOpen(now);
        long newOffset = Math.addExact(offset, bytes);
        if (length.isPresent() && newOffset > length.get().bytes()) {
            throw new TooLarge();
        }
        UploadState next = length.isPresent() && newOffset == length.get().bytes()
                ? UploadState.COMPLETED : UploadState.RECEIVING;
        return new UploadSession(id, bucketId, objectName, owner, length, newOffset, next, expiresAt);
    }

    /** Sets a length that was deferred at creation. */
    public UploadSession withLength(ByteSize declared) {
        if (length.isPresent() && !length.get().equals(declared)) {
            throw InvalidInput.invalidRequest("Upload-Length cannot change");
        }
        if (declared.bytes() < offset) {
            throw InvalidInput.invalidRequest("Upload-Length is below the received offset");
        }
        return new UploadSession(id, bucketId, objectName, owner, Optional.of(declared), offset, state, expiresAt);
    }

    public UploadSession aborted() {
        if (state.isFinal()) {
            throw new NotFound(Resource.UPLOAD);
        }
        return withState(UploadState.ABORTED);
    }

    public UploadSession expiredAt(Instant now) {
        if (state.isFinal() || now.isBefore(expiresAt)) {
            return this;
        }
        return withState(UploadState.EXPIRED);
    }

    public boolean isComplete() {
        return state == UploadState.COMPLETED;
    }

    private void requireOpen(Instant now) {
        if (state == UploadState.EXPIRED || (!state.isFinal() && !now.isBefore(expiresAt))) {
            throw new UploadExpired();
        }
        if (state.isFinal()) {
            throw new NotFound(Resource.UPLOAD);
        }
    }

    private UploadSession withState(UploadState next) {
        return new UploadSession(id, bucketId, objectName, owner, length, offset, next, expiresAt);
    }
}
