package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.UploadSessionRepository;

/**
 * Removes an upload that will not complete (terminated, expired, refused at completion): its multipart
 * upload is aborted, its staged tail deleted, then its session. The store goes first, so a failure there
 * leaves the session for the next attempt (the sweep) rather than bytes nobody knows about.
 */
final class UploadDisposal {
    private final MultipartStore multipart;
    private final UploadSessionRepository sessions;
    private final ChunkWriter writer;
    private final String projectRef;

    UploadDisposal(MultipartStore multipart, UploadSessionRepository sessions, ChunkWriter writer, String projectRef) {
        this.multipart = multipart;
        this.sessions = sessions;
        this.writer = writer;
        this.projectRef = projectRef;
    }

    void dispose(ResumableUpload upload) {
        upload.multipartId().ifPresent(id -> multipart.abort(upload.key(projectRef), id));
        writer.deleteSegments(upload);
        sessions.delete(upload.id());
    }

    /** After completion: the multipart upload became the object, only the staged tail and the session go. */
    void forget(ResumableUpload upload) {
        sessions.delete(upload.id());
        writer.deleteSegments(upload);
    }
}
