package dev.pillar.storage.application.port;

import dev.pillar.storage.application.upload.ResumableUpload;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Port: resumable uploads in progress, shared by every server instance. Each method is one atomic step;
 * writes made while holding a {@link Lease} succeed only while it is still that lease, so two requests
 * never write one upload at once and a request whose lease was taken over learns it.
 */
public interface UploadSessionRepository {

    void insert(ResumableUpload upload);

    Optional<ResumableUpload> find(String id);

    /**
     * Takes the upload's lease if no lease is held at {@code now}; returns the upload as stored, or empty
     * when another request holds it. {@code NotFound(UPLOAD)} when it is gone.
     */
    Optional<ResumableUpload> lease(String id, Lease lease, Instant now);

    /** Allocates the next multipart part number, never handed out before, and renews the lease; empty when it was lost. */
    OptionalInt nextPartNumber(String id, Lease lease);

    /** Saves the upload's progress and renews the lease; false (and nothing saved) when the lease was lost. */
    boolean save(ResumableUpload upload, Lease lease);

    /** Gives the lease up, if it is still this one. */
    void release(String id, Lease lease);

    void delete(String id);

    /** Up to {@code limit} uploads whose expiry is at or before {@code now}, oldest first. */
    List<ResumableUpload> expired(Instant now, int limit);
}
