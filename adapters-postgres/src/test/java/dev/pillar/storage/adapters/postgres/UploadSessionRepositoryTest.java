package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.UploadSessionRepository;
import dev.pillar.storage.application.port.UploadSessionRepositoryContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The upload sessions on the real PostgreSQL keep the repository contract. */
class UploadSessionRepositoryTest extends UploadSessionRepositoryContract {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static PostgresMetadataStore store;

    @BeforeAll
    static void openStore() {
        store = DB.open();
    }

    @BeforeEach
    void noSessions() {
        DB.execute("truncate storage.upload_sessions");
    }

    @Override
    protected UploadSessionRepository sessions() {
        return store.uploadSessions();
    }
}
