package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.domain.upload.UploadSession;

/**
 * Use case: where a resumable upload stands (tus HEAD), so a client can resume from the offset the server
 * holds, whichever instance it asks. An expired upload is gone; someone else's is not shown.
 */
public final class GetUploadStatus {
    private final UploadPorts ports;

    public GetUploadStatus(UploadPorts ports) {
        this.ports = ports;
    }

    public UploadSession status(Caller caller, String uploadId) {
        UploadSession session = UploadAccess.find(ports.sessions(), caller, uploadId).session();
        session.requireOpen(ports.clock().now());
        return session;
    }
}
