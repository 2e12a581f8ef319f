package dev.pillar.storage.application.signed;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.signing.UploadGrant;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static dev.pillar.storage.application.StorageFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateSignedUploadUrlTest {
    private static final ObjectName NAME = ObjectName.of("inbox/photo.png");
    private static final Caller ANON = new Caller(Role.ANON, Optional.empty(), "{\"role\":\"anon\"}");
    private final StorageFixture world = new StorageFixture();
    private final CreateSignedUploadUrl sign = new CreateSignedUploadUrl(world.metadata, world.ids, world.clock);
    private final Bucket docs = world.bucket("docs");

    @Test
    void grants_two_hours_of_writing_the_name_bound_to_the_callers_id_and_stores_nothing() {
        UploadGrant grant = sign.sign(new CreateSignedUploadUrl.Command(ALICE, docs.id(), NAME, false));

        assertEquals(docs.id(), grant.bucketId());
        assertEquals(NAME, grant.name());
        assertEquals(Optional.of("alice-uuid"), grant.owner());
        assertFalse(grant.upsert());
        assertEquals(Instant.parse("2024-03-01T11:00:00Z"), grant.validity().expiresAt());
        assertEquals(List.of(), world.metadata.objectsIn(docs.id()), "the rehearsed insert was rolled back");
        assertEquals(List.of(ALICE), world.metadata.transactionCallers(), "rehearsed as the caller");
    }

    @Test
    void a_caller_without_an_id_binds_no_owner() {
        UploadGrant grant = sign.sign(new CreateSignedUploadUrl.Command(ANON, docs.id(), NAME, true));

        assertEquals(Optional.empty(), grant.owner());
        assertTrue(grant.upsert());
    }

    @Test
    void a_caller_whose_policies_refuse_the_insert_gets_no_grant() {
        world.metadata.denyWrites();

        AccessDenied failure = assertThrows(AccessDenied.class,
                () -> sign.sign(new CreateSignedUploadUrl.Command(ANON, docs.id(), NAME, false)));

        assertEquals("new row violates row-level security policy", failure.getMessage());
        sign.sign(new CreateSignedUploadUrl.Command(SERVICE, docs.id(), NAME, false));
    }

    @Test
    void a_taken_name_is_a_duplicate_unless_the_grant_may_overwrite_it_and_stays_untouched() {
        StoredObject existing = world.object(docs, NAME.value(), "original");

        assertThrows(AlreadyExists.class, () -> sign.sign(new CreateSignedUploadUrl.Command(ALICE, docs.id(), NAME, false)));
        UploadGrant grant = sign.sign(new CreateSignedUploadUrl.Command(ALICE, docs.id(), NAME, true));

        assertTrue(grant.upsert());
        assertEquals(Optional.of(existing), world.metadata.object(docs.id(), NAME), "the rehearsed update was rolled back");
    }

    @Test
    void overwriting_needs_the_right_to_update_the_existing_object() {
        world.object(docs, NAME.value(), "original");
        world.metadata.denyWrites();

        assertThrows(AccessDenied.class, () -> sign.sign(new CreateSignedUploadUrl.Command(ALICE, docs.id(), NAME, true)));
    }

    @Test
    void overwriting_an_object_the_callers_policies_hide_is_denied() {
        world.object(docs, NAME.value(), "original");
        world.metadata.hideObjects();

        assertThrows(AccessDenied.class, () -> sign.sign(new CreateSignedUploadUrl.Command(ALICE, docs.id(), NAME, true)));
    }

    @Test
    void a_grant_to_overwrite_needs_read_access_to_the_written_row_even_for_a_new_name() {
        world.metadata.hideObjects();

        assertThrows(AccessDenied.class, () -> sign.sign(new CreateSignedUploadUrl.Command(ALICE, docs.id(), NAME, true)));
        sign.sign(new CreateSignedUploadUrl.Command(ALICE, docs.id(), NAME, false));
    }

    @Test
    void a_missing_bucket_gets_no_grant() {
        NotFound failure = assertThrows(NotFound.class,
                () -> sign.sign(new CreateSignedUploadUrl.Command(ALICE, BucketId.of("gone"), NAME, false)));

        assertEquals(Resource.BUCKET, failure.resource());
    }
}
