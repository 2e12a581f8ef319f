package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.upload.UploadSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A resumable upload as it is kept between requests: the domain session, and where its bytes are so far.
 * Whole parts (of {@code partSize} bytes) went into a multipart upload that becomes the blob at
 * {@code version}; the bytes after the last whole part are staged as {@code tail} blobs in the object
 * store, where every server instance reaches them. The offset is always the parts plus the tail.
 */
public record ResumableUpload(UploadSession session, String version, long partSize, Optional<String> multipartId,
                              List<UploadedPart> parts, List<Segment> tail) {
    public ResumableUpload {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(version, "version");
        multipartId = multipartId == null ? Optional.empty() : multipartId;
        parts = List.copyOf(parts);
        tail = List.copyOf(tail);
        long stored = parts.stream().mapToLong(UploadedPart::size).sum() + tail.stream().mapToLong(Segment::size).sum();
        if (stored != session.offset()) {
            throw new IllegalArgumentException("parts and tail hold " + stored + " bytes, the offset is " + session.offset());
        }
    }

    /** A fresh upload: nothing stored yet. */
    static ResumableUpload start(UploadSession session, String version, long partSize) {
        return new ResumableUpload(session, version, partSize, Optional.empty(), List.of(), List.of());
    }

    public String id() {
        return session.id();
    }

    /** Where the finished object's bytes will be. */
    BlobKey key(String projectRef) {
        return new BlobKey(projectRef, session.target().bucketId(), session.target().name(), version);
    }

    /** Where one staged tail segment is. */
    BlobKey keyOf(String projectRef, Segment segment) {
        return new BlobKey(projectRef, session.target().bucketId(), session.target().name(), segment.version());
    }

    long tailSize() {
        return tail.stream().mapToLong(Segment::size).sum();
    }

    /**
     * Before anything is stored, the parts take the size of the first chunk (within {@link PartSize#fitted}), so
     * that chunks of that size each become one part; afterwards the part size stays.
     */
    ResumableUpload fittedTo(long chunkBytes) {
        if (session.offset() > 0) {
            return this;
        }
        return new ResumableUpload(session, version, PartSize.fitted(partSize, chunkBytes), multipartId, parts, tail);
    }

    ResumableUpload withSession(UploadSession newer) {
        return new ResumableUpload(newer, version, partSize, multipartId, parts, tail);
    }

    ResumableUpload withMultipart(String id) {
        return new ResumableUpload(session, version, partSize, Optional.of(id), parts, tail);
    }

    /** After {@code part} took the whole tail and {@code fresh} new bytes. */
    ResumableUpload withPart(UploadedPart part, long fresh, Instant now) {
        List<UploadedPart> more = new ArrayList<>(parts);
        more.add(part);
        return new ResumableUpload(session.received(fresh, now), version, partSize, multipartId, more, List.of());
    }

    /** After {@code segment} was staged behind the tail. */
    ResumableUpload withSegment(Segment segment, Instant now) {
        List<Segment> longer = new ArrayList<>(tail);
        longer.add(segment);
        return new ResumableUpload(session.received(segment.size(), now), version, partSize, multipartId, parts, longer);
    }

    /** Bytes staged in the object store under their own version key, waiting to become part of a whole part. */
    public record Segment(String version, long size) {
        public Segment {
            Objects.requireNonNull(version, "version");
            if (size <= 0) {
                throw new IllegalArgumentException("an empty segment");
            }
        }
    }
}
