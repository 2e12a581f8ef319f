package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import org.junit.jupiter.api.Test;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GetBucketTest {
    private final StorageFixture world = new StorageFixture();
    private final GetBucket get = new GetBucket(world.metadata);

    @Test
    void reads_an_existing_bucket_as_the_caller() {
        Bucket avatars = world.bucket("avatars");

        assertEquals(avatars, get.get(ALICE, avatars.id()));
        assertEquals(ALICE, world.metadata.transactionCallers().getLast());
    }

    @Test
    void a_missing_bucket_is_not_found() {
        NotFound failure = assertThrows(NotFound.class, () -> get.get(ALICE, BucketId.of("nope")));

        assertEquals(Resource.BUCKET, failure.resource());
        assertEquals("Bucket not found", failure.getMessage());
    }
}
