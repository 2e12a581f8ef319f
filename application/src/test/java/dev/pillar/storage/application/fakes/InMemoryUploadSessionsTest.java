package dev.pillar.storage.application.fakes;

import dev.pillar.storage.application.port.UploadSessionRepository;
import dev.pillar.storage.application.port.UploadSessionRepositoryContract;

/** The fake keeps the contract the real repository keeps, so use case tests on it mean something. */
class InMemoryUploadSessionsTest extends UploadSessionRepositoryContract {
    private final InMemoryUploadSessions sessions = new InMemoryUploadSessions();

    @Override
    protected UploadSessionRepository sessions() {
        return sessions;
    }
}
