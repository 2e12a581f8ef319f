package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.MetadataStore.Repositories;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ObjectMoveTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static final BucketId DOCS = BucketId.of("docs");
    private static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static PostgresMetadataStore store;
    private StoredObject report;

    @BeforeAll
    static void ownFolderPolicy() {
        DB.execute(Fixtures.OWN_FOLDER_POLICY);
        store = DB.open();
    }

    @BeforeEach
    void aReport() {
        DB.clearStorage();
        report = Fixtures.object(DOCS.value(), ALICE + "/report.txt");
        asService(repos -> {
            repos.buckets().insert(Fixtures.bucket(DOCS.value()));
            repos.buckets().insert(Fixtures.bucket("archive"));
            repos.objects().insert(report);
        });
    }

    @Test
    void the_row_takes_the_new_bucket_name_owner_and_version_and_keeps_its_identity() {
        StoredObject moved = movedTo("archive", ALICE + "/2024/report.txt");

        asService(repos -> repos.objects().move(report, moved));

        assertEquals(Optional.empty(), find(DOCS, report.name()));
        StoredObject read = find(moved.bucketId(), moved.name()).orElseThrow();
        assertEquals(report.id(), read.id());
        assertEquals(moved.version(), read.version());
        assertEquals(moved.owner(), read.owner());
        assertEquals(report.content(), read.content());
        assertEquals(moved.updatedAt(), read.updatedAt());
    }

    @Test
    void a_taken_name_is_a_duplicate_and_nothing_moves() {
        StoredObject other = Fixtures.object(DOCS.value(), ALICE + "/other.txt");
        asService(repos -> repos.objects().insert(other));

        AlreadyExists failure = assertThrows(AlreadyExists.class,
                () -> asService(repos -> repos.objects().move(report, movedTo(DOCS.value(), other.name().value()))));

        assertEquals(Resource.OBJECT, failure.resource());
        assertEquals(report.version(), find(DOCS, report.name()).orElseThrow().version());
    }

    @Test
    void a_missing_bucket_is_not_found() {
        NotFound failure = assertThrows(NotFound.class,
                () -> asService(repos -> repos.objects().move(report, movedTo("nope", "x.txt"))));

        assertEquals(Resource.BUCKET, failure.resource());
    }

    @Test
    void under_row_level_security_a_row_outside_the_policy_or_a_destination_outside_it_is_refused() {
        StoredObject intoBobsFolder = movedTo(DOCS.value(), "bob/report.txt");
        assertThrows(AccessDenied.class, () -> store.inTransaction(Fixtures.user(ALICE), repos -> {
            repos.objects().move(report, intoBobsFolder);
            return null;
        }));
        assertThrows(AccessDenied.class, () -> store.inTransaction(Fixtures.user(UUID.randomUUID()), repos -> {
            repos.objects().move(report, movedTo(DOCS.value(), ALICE + "/renamed.txt"));
            return null;
        }));
        assertEquals(report.version(), find(DOCS, report.name()).orElseThrow().version());

        store.inTransaction(Fixtures.user(ALICE), repos -> {
            repos.objects().move(report, movedTo(DOCS.value(), ALICE + "/renamed.txt"));
            return null;
        });
        assertEquals(report.id(), find(DOCS, ObjectName.of(ALICE + "/renamed.txt")).orElseThrow().id());
    }

    private StoredObject movedTo(String bucket, String name) {
        return report.movedTo(BucketId.of(bucket), ObjectName.of(name), Optional.of(ALICE.toString()),
                UUID.randomUUID().toString(), Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private static Optional<StoredObject> find(BucketId bucket, ObjectName name) {
        return store.inTransaction(Fixtures.SERVICE, repos -> repos.objects().find(bucket, name));
    }

    private static void asService(Consumer<Repositories> work) {
        store.inTransaction(Fixtures.SERVICE, repos -> {
            work.accept(repos);
            return null;
        });
    }
}
