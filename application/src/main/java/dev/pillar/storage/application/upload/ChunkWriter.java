package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.object.BlobCleaner;
import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.IdGenerator;
import dev.pillar.storage.application.port.Lease;
import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.UploadSessionRepository;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.OffsetMismatch;
import dev.pillar.storage.domain.upload.UploadSession;
import dev.pillar.storage.domain.upload.UploadTarget;

import java.io.EOFException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Streams one chunk into an upload without holding it in memory: the staged tail plus the chunk's first
 * bytes become whole parts of the multipart upload, and what is left below a part is staged as a tail
 * segment in the object store. Progress is saved under the lease after every step, so a request that dies
 * halfway leaves an offset that matches what is stored; the part that completes the upload is not saved (the
 * lease is only checked once more after it), its caller completes the upload and, should that fail for a while,
 * the last chunk can be sent again. The parts take the size of the upload's first chunk ({@link PartSize}), so a
 * client sending chunks of one size has each chunk stored as one part, with nothing staged.
 */
final class ChunkWriter {
    static final Duration LEASE_TIME = Duration.ofSeconds(30);
    private static final String SEGMENT_PREFIX = "tail-";
    private static final System.Logger LOG = System.getLogger(ChunkWriter.class.getName());
    private final ObjectStore store;
    private final MultipartStore multipart;
    private final UploadSessionRepository sessions;
    private final BlobCleaner cleaner;
    private final String projectRef;
    private final IdGenerator ids;
    private final Clock clock;

    ChunkWriter(ObjectStore store, MultipartStore multipart, UploadSessionRepository sessions, BlobCleaner cleaner,
                String projectRef, IdGenerator ids, Clock clock) {
        this.store = store;
        this.multipart = multipart;
        this.sessions = sessions;
        this.cleaner = cleaner;
        this.projectRef = projectRef;
        this.ids = ids;
        this.clock = clock;
    }

    /** A lease for a request starting at {@code now}. */
    Lease newLease(Instant now) {
        return new Lease(ids.newId().toString(), now.plus(LEASE_TIME));
    }

    /** Appends exactly {@code bytes} of {@code body} (already admitted) to {@code upload}, leased with {@code lease}. */
    Appended append(ResumableUpload leased, Lease lease, InputStream body, long bytes, Instant now) {
        ResumableUpload upload = leased.fittedTo(bytes);
        long remaining = bytes;
        while (true) {
            long tail = upload.tailSize();
            if (upload.session().completesWith(remaining) && tail + remaining <= upload.partSize()) {
                if (tail + remaining == 0) {
                    return new Appended(upload, Optional.empty(), upload.session().received(0, now));
                }
                ResumableUpload ready = begun(upload, lease);
                UploadedPart last = putPart(ready, lease, body, remaining);
                save(ready, lease); // still ours after the body: no other request took the upload over meanwhile
                return new Appended(ready, Optional.of(last), ready.session().received(remaining, now));
            }
            if (tail + remaining < upload.partSize()) {
                ResumableUpload staged = remaining == 0 ? upload : stage(upload, lease, body, remaining, now);
                return new Appended(staged, Optional.empty(), staged.session());
            }
            long fresh = upload.partSize() - tail;
            ResumableUpload ready = begun(upload, lease);
            ResumableUpload grown = ready.withPart(putPart(ready, lease, body, fresh), fresh, now);
            save(grown, lease);
            deleteSegments(upload);
            upload = grown;
            remaining -= fresh;
        }
    }

    /**
     * Gives the lease back at the end of a request. A failure here must not hide the request's own outcome:
     * the lease then simply lapses after {@link #LEASE_TIME}.
     */
    void release(String uploadId, Lease lease) {
        try {
            sessions.release(uploadId, lease);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event=upload_lease_kept upload_id={0} cause={1}", uploadId,
                    e.toString());
        }
    }

    /** Removes the staged tail segments of {@code upload}; a failure only leaves an unreferenced blob (logged). */
    void deleteSegments(ResumableUpload upload) {
        upload.tail().forEach(segment -> cleaner.deleteBlob(upload.keyOf(projectRef, segment)));
    }

    /** Sends the tail and {@code fresh} bytes of the body as the next part of the (begun) multipart upload. */
    private UploadedPart putPart(ResumableUpload upload, Lease lease, InputStream body, long fresh) {
        int number = sessions.nextPartNumber(upload.id(), renewed(lease)).orElseThrow(OffsetMismatch::uploadBusy);
        if (number > UploadedPart.MAX_NUMBER) {
            throw InvalidInput.invalidRequest("The upload has used up its part numbers");
        }
        InputStream content = new SequenceInputStream(Collections.enumeration(
                Stream.concat(segmentStreams(upload), Stream.of(new BoundedInputStream(body, fresh))).toList()));
        return multipart.putPart(upload.key(projectRef), upload.multipartId().orElseThrow(), number, content,
                upload.tailSize() + fresh);
    }

    /** The upload with its multipart upload, started (and saved) before its first part; a lost lease undoes it. */
    private ResumableUpload begun(ResumableUpload upload, Lease lease) {
        if (upload.multipartId().isPresent()) {
            return upload;
        }
        UploadTarget target = upload.session().target();
        BlobKey key = upload.key(projectRef);
        String id = multipart.begin(key, new BlobAttributes(target.contentType(), target.cacheControl()));
        ResumableUpload begun = upload.withMultipart(id);
        if (!sessions.save(begun, renewed(lease))) {
            multipart.abort(key, id);
            throw OffsetMismatch.uploadBusy();
        }
        return begun;
    }

    /** The tail segments' bytes in order, each blob opened only when the one before it is used up. */
    private Stream<InputStream> segmentStreams(ResumableUpload upload) {
        return upload.tail().stream().map(segment -> new LazyStream(() ->
                store.read(upload.keyOf(projectRef, segment), Optional.empty()).stream()));
    }

    private ResumableUpload stage(ResumableUpload upload, Lease lease, InputStream body, long bytes, Instant now) {
        ResumableUpload.Segment segment = new ResumableUpload.Segment(SEGMENT_PREFIX + ids.newId(), bytes);
        BlobKey key = upload.keyOf(projectRef, segment);
        long written = store.write(key, new BoundedInputStream(body, bytes)).size();
        if (written != bytes) {
            cleaner.deleteBlob(key);
            throw new UncheckedIOException(new EOFException("the chunk ended " + (bytes - written) + " bytes early"));
        }
        ResumableUpload staged = upload.withSegment(segment, now);
        try {
            save(staged, lease);
        } catch (RuntimeException e) {
            cleaner.deleteBlob(key);
            throw e;
        }
        return staged;
    }

    private void save(ResumableUpload upload, Lease lease) {
        if (!sessions.save(upload, renewed(lease))) {
            throw OffsetMismatch.uploadBusy();
        }
    }

    private Lease renewed(Lease lease) {
        return lease.renewedUntil(clock.now().plus(LEASE_TIME));
    }

    /**
     * What a chunk did: the upload as last saved, the part that completes it (sent but not saved), and the
     * session after the chunk (complete when the chunk reached the declared length).
     */
    record Appended(ResumableUpload saved, Optional<UploadedPart> lastPart, UploadSession session) {
        List<UploadedPart> allParts() {
            return Stream.concat(saved.parts().stream(), lastPart.stream()).toList();
        }
    }
}
