package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.application.port.UploadSessionRepository;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;

/**
 * Finds an upload for a request about it: only the user who started it (or the service role) may look at,
 * continue or end it. Policies are asked again when it completes.
 */
final class UploadAccess {
    private UploadAccess() {
    }

    static ResumableUpload find(UploadSessionRepository sessions, Caller caller, String id) {
        ResumableUpload upload = sessions.find(id).orElseThrow(() -> new NotFound(Resource.UPLOAD));
        if (caller.role() != Role.SERVICE_ROLE && !upload.session().isOwnedBy(caller.subject())) {
            throw new AccessDenied("The upload belongs to another user");
        }
        return upload;
    }
}
