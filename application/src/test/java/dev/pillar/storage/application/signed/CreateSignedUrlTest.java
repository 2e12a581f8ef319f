package dev.pillar.storage.application.signed;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.signing.DownloadGrant;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static dev.pillar.storage.application.StorageFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CreateSignedUrlTest {
    private final StorageFixture world = new StorageFixture();
    private final CreateSignedUrl sign = new CreateSignedUrl(world.metadata, world.clock);
    private final Bucket docs = world.bucket("docs");

    @Test
    void grants_the_object_for_the_seconds_asked_from_now() {
        world.object(docs, "a/report.txt", "report");

        DownloadGrant grant = sign.sign(new CreateSignedUrl.Command(ALICE, docs.id(), ObjectName.of("a/report.txt"), 60));

        assertEquals(docs.id(), grant.bucketId());
        assertEquals(ObjectName.of("a/report.txt"), grant.name());
        assertEquals(StorageFixture.START, grant.validity().issuedAt());
        assertEquals(Instant.parse("2024-03-01T09:01:00Z"), grant.validity().expiresAt());
        assertEquals(List.of(ALICE), world.metadata.transactionCallers(), "looked up as the caller");
    }

    @Test
    void an_object_the_callers_policies_hide_cannot_be_shared() {
        world.object(docs, "a/report.txt", "report");
        world.metadata.hideObjects();

        NotFound failure = assertThrows(NotFound.class,
                () -> sign.sign(new CreateSignedUrl.Command(ALICE, docs.id(), ObjectName.of("a/report.txt"), 60)));

        assertEquals(Resource.OBJECT, failure.resource());
        sign.sign(new CreateSignedUrl.Command(SERVICE, docs.id(), ObjectName.of("a/report.txt"), 60));
    }

    @Test
    void a_missing_object_or_bucket_cannot_be_shared() {
        assertThrows(NotFound.class,
                () -> sign.sign(new CreateSignedUrl.Command(ALICE, docs.id(), ObjectName.of("nope.txt"), 60)));
        assertThrows(NotFound.class,
                () -> sign.sign(new CreateSignedUrl.Command(ALICE, BucketId.of("gone"), ObjectName.of("a.txt"), 60)));
    }

    @Test
    void a_bad_expiry_is_refused_before_the_database_is_asked() {
        world.object(docs, "a/report.txt", "report");

        assertThrows(InvalidInput.class,
                () -> sign.sign(new CreateSignedUrl.Command(ALICE, docs.id(), ObjectName.of("a/report.txt"), 0)));

        assertEquals(List.of(), world.metadata.transactionCallers());
    }
}
