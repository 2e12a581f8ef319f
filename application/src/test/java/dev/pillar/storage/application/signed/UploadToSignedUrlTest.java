package dev.pillar.storage.application.signed;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.application.object.UploadObject;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.InvalidToken;
import dev.pillar.storage.domain.failure.MimeTypeNotAllowed;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import dev.pillar.storage.domain.signing.UploadGrant;
import dev.pillar.storage.domain.signing.Validity;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static dev.pillar.storage.application.StorageFixture.body;
import static dev.pillar.storage.application.StorageFixture.bodyThatMustNotBeRead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UploadToSignedUrlTest {
    private static final ObjectName NAME = ObjectName.of("inbox/note.txt");
    private final StorageFixture world = new StorageFixture();
    private final UploadToSignedUrl upload = new UploadToSignedUrl(new UploadObject(world.metadata, world.buckets, world.store,
            world.cleaner, world.settings, world.ids, world.clock), world.clock);
    private final Bucket docs = world.bucket("docs");

    @Test
    void stores_the_object_as_the_server_on_behalf_of_the_owner_bound_at_signing_whatever_the_policies() {
        world.metadata.denyWrites();

        StoredObject stored = upload.upload(command(grant(Optional.of("alice-uuid"), false), NAME, body("hello")));

        assertEquals(Optional.of("alice-uuid"), stored.owner());
        assertEquals(Optional.of(stored), world.metadata.object(docs.id(), NAME));
        assertEquals(Set.of(Role.SERVICE_ROLE),
                Set.copyOf(world.metadata.transactionCallers().stream().map(caller -> caller.role()).toList()));
        assertEquals(Optional.of("alice-uuid"), world.metadata.transactionCallers().getLast().subject());
    }

    @Test
    void without_upsert_at_signing_a_second_upload_is_a_duplicate() {
        UploadGrant once = grant(Optional.empty(), false);
        upload.upload(command(once, NAME, body("first")));

        assertThrows(AlreadyExists.class, () -> upload.upload(command(once, NAME, body("second"))));
    }

    @Test
    void with_upsert_at_signing_an_upload_overwrites() {
        UploadGrant overwrite = grant(Optional.empty(), true);
        upload.upload(command(overwrite, NAME, body("first")));

        StoredObject second = upload.upload(command(overwrite, NAME, body("second!")));

        assertEquals(ByteSize.of(7), second.content().size());
    }

    @Test
    void a_grant_for_another_name_writes_nothing() {
        InvalidToken failure = assertThrows(InvalidToken.class,
                () -> upload.upload(command(grant(Optional.empty(), false), ObjectName.of("inbox/other.txt"),
                        bodyThatMustNotBeRead())));

        assertEquals(InvalidToken.Reason.INVALID_UPLOAD_SIGNATURE, failure.reason());
        assertEquals(List.of(), world.metadata.objectsIn(docs.id()));
    }

    @Test
    void an_expired_grant_writes_nothing() {
        UploadGrant grant = grant(Optional.empty(), false);
        world.clock.advance(UploadGrant.VALIDITY);

        InvalidToken failure = assertThrows(InvalidToken.class,
                () -> upload.upload(command(grant, NAME, bodyThatMustNotBeRead())));

        assertEquals(InvalidToken.Reason.EXPIRED_TOKEN, failure.reason());
        assertEquals(Set.of(), world.store.paths());
    }

    @Test
    void the_buckets_limits_still_apply() {
        Bucket images = world.bucket("images", new BucketSettings(false, Optional.empty(), List.of(MimeType.of("image/*"))));
        UploadGrant grant = new UploadGrant(images.id(), NAME, Optional.empty(), false,
                Validity.of(world.clock.now(), Duration.ofMinutes(1)));

        assertThrows(MimeTypeNotAllowed.class, () -> upload.upload(new UploadToSignedUrl.Command(grant, images.id(), NAME,
                MimeType.of("text/plain"), CacheControl.DEFAULT, UserMetadata.EMPTY, OptionalLong.empty(),
                bodyThatMustNotBeRead())));
    }

    private UploadGrant grant(Optional<String> owner, boolean upsert) {
        return new UploadGrant(docs.id(), NAME, owner, upsert, Validity.of(world.clock.now(), UploadGrant.VALIDITY));
    }

    private UploadToSignedUrl.Command command(UploadGrant grant, ObjectName name, InputStream content) {
        return new UploadToSignedUrl.Command(grant, docs.id(), name, MimeType.of("text/plain"), CacheControl.DEFAULT,
                UserMetadata.EMPTY, OptionalLong.empty(), content);
    }
}
