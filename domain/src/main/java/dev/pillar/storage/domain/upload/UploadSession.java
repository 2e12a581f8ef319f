package dev.pillar.storage.domain.upload;

import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.OffsetMismatch;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.failure.UploadExpired;
import dev.pillar.storage.domain.object.ByteSize;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregate: a resumable upload in progress. It owns the offset rules (chunks arrive in order, never
 * past the declared length nor the size limit, never after expiry), who may continue it, and its state
 * transitions. The length may be deferred until a later chunk declares it.
 */
public record UploadSession(String id, UploadTarget target, Optional<ByteSize> length, ByteSize sizeLimit,
                            long offset, UploadState state, Instant expiresAt) {
    public UploadSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        length = length == null ? Optional.empty() : length;
        Objects.requireNonNull(sizeLimit, "sizeLimit");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expiresAt");
        long bound = length.map(ByteSize::bytes).orElse(sizeLimit.bytes());
        if (offset < 0 || offset > bound) {
            throw new IllegalArgumentException("offset " + offset + " outside the upload");
        }
    }

    /** A new upload of {@code length} bytes (empty: declared later) into {@code target}, refused over {@code sizeLimit}. */
    public static UploadSession start(String id, UploadTarget target, Optional<ByteSize> length, ByteSize sizeLimit,
                                      Instant expiresAt) {
        if (length.isPresent() && length.get().isGreaterThan(sizeLimit)) {
            throw new TooLarge();
        }
        return new UploadSession(id, target, length, sizeLimit, 0, UploadState.CREATED, expiresAt);
    }

    /** Whether the caller with user id {@code subject} started this upload (and may continue or end it). */
    public boolean isOwnedBy(Optional<String> subject) {
        return target.owner().equals(subject);
    }

    /**
     * Checks a chunk of {@code bytes} may be appended at {@code chunkOffset} now; refuses stale, late, finished
     * or oversized chunks before any of their bytes is read.
     */
    public void admitChunk(long chunkOffset, long bytes, Instant now) {
        requireOpen(now);
        if (chunkOffset != offset) {
            throw new OffsetMismatch(offset, chunkOffset);
        }
        requireRoomFor(bytes);
    }

    /** The session after {@code bytes} more were stored; completed once the declared length is reached. */
    public UploadSession received(long bytes, Instant now) {
        requireOpen(now);
        requireRoomFor(bytes);
        long newOffset = offset + bytes;
        UploadState next = completesWith(bytes) ? UploadState.COMPLETED : UploadState.RECEIVING;
        return new UploadSession(id, target, length, sizeLimit, newOffset, next, expiresAt);
    }

    /** Whether {@code bytes} more reach the declared length exactly (never, while the length is deferred). */
    public boolean completesWith(long bytes) {
        return length.isPresent() && offset + bytes == length.get().bytes();
    }

    /** Sets a length that was deferred at creation; repeating the declared length changes nothing. */
    public UploadSession withLength(ByteSize declared) {
        if (length.isPresent() && !length.get().equals(declared)) {
            throw InvalidInput.invalidRequest("Upload-Length cannot change");
        }
        if (declared.bytes() < offset) {
            throw InvalidInput.invalidRequest("Upload-Length is below the received offset");
        }
        if (declared.isGreaterThan(sizeLimit)) {
            throw new TooLarge();
        }
        return new UploadSession(id, target, Optional.of(declared), sizeLimit, offset, state, expiresAt);
    }

    public boolean isComplete() {
        return state == UploadState.COMPLETED;
    }

    /** Refuses an upload that can take no more requests: finished (not found, whatever the clock) or expired (gone). */
    public void requireOpen(Instant now) {
        if (isComplete()) {
            throw new NotFound(Resource.UPLOAD);
        }
        if (!now.isBefore(expiresAt)) {
            throw new UploadExpired();
        }
    }

    private void requireRoomFor(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative chunk");
        }
        long bound = length.map(ByteSize::bytes).orElse(sizeLimit.bytes());
        if (offset > bound - bytes) {
            throw new TooLarge();
        }
    }
}
