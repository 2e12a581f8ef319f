package dev.pillar.storage.application.object;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.BlobInfo;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.BlobNotFound;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.StoreEntry;
import dev.pillar.storage.application.port.StoredBlob;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.MimeTypeNotAllowed;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.object.ByteRange;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.OptionalLong;
import java.util.Set;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static dev.pillar.storage.application.StorageFixture.SERVICE;
import static dev.pillar.storage.application.StorageFixture.body;
import static dev.pillar.storage.application.StorageFixture.bodyThatMustNotBeRead;
import static dev.pillar.storage.application.StorageFixture.md5Hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadObjectTest {
    private static final ObjectName NAME = ObjectName.of("reports/2024/q1.txt");
    private final StorageFixture world = new StorageFixture(ByteSize.of(1024));
    private final UploadObject upload = new UploadObject(world.metadata, world.buckets, world.store, world.cleaner,
            world.settings, world.ids, world.clock);
    private final Bucket docs = world.bucket("docs");

    @Test
    void stores_the_bytes_and_a_row_with_their_md5_etag_and_size() {
        StoredObject stored = upload.upload(new UploadObject.Command(ALICE, docs.id(), NAME, false,
                MimeType.of("text/plain;charset=UTF-8"), CacheControl.maxAge(60), new UserMetadata("{\"a\":1}"),
                OptionalLong.of(5), body("hello")));

        assertEquals("5d41402abc4b2a76b9719d911017c592", stored.content().eTag());
        assertEquals(ByteSize.of(5), stored.content().size());
        assertEquals("text/plain;charset=UTF-8", stored.content().mimeType().value());
        assertEquals("max-age=60", stored.content().cacheControl().value());
        assertEquals("{\"a\":1}", stored.userMetadata().json());
        assertEquals(Optional.of("alice-uuid"), stored.owner());
        assertEquals(StorageFixture.START, stored.createdAt());
        assertEquals(Optional.of(stored), world.metadata.object(docs.id(), NAME));
        assertEquals("hello", textAt(stored));
        assertEquals(Set.of(world.keyOf(stored).path()), world.store.paths());
        assertEquals(new BlobInfo(5, new BlobAttributes(MimeType.of("text/plain;charset=UTF-8"), CacheControl.maxAge(60))),
                world.store.head(world.keyOf(stored)), "the store keeps the type and cache-control with the bytes");
    }

    @Test
    void stores_an_object_exactly_at_the_size_limit() {
        StoredObject stored = upload.upload(command(ALICE, NAME, false, "x".repeat(1024)));

        assertEquals(ByteSize.of(1024), stored.content().size());
    }

    @Test
    void a_taken_name_without_upsert_is_a_duplicate_and_the_new_bytes_are_removed() {
        StoredObject first = upload.upload(command(ALICE, NAME, false, "first"));

        AlreadyExists failure = assertThrows(AlreadyExists.class,
                () -> upload.upload(command(ALICE, NAME, false, "second")));

        assertEquals(Resource.OBJECT, failure.resource());
        assertEquals("The resource already exists", failure.getMessage());
        assertEquals(Optional.of(first), world.metadata.object(docs.id(), NAME));
        assertEquals(Set.of(world.keyOf(first).path()), world.store.paths());
    }

    @Test
    void an_upsert_switches_the_row_to_a_new_version_keeping_id_and_creation_time_and_removes_the_old_bytes() {
        StoredObject first = upload.upload(command(ALICE, NAME, false, "first"));
        world.clock.advance(Duration.ofMinutes(5));

        StoredObject second = upload.upload(command(ALICE, NAME, true, "second version"));

        assertEquals(first.id(), second.id());
        assertEquals(first.createdAt(), second.createdAt());
        assertEquals(StorageFixture.START.plus(Duration.ofMinutes(5)), second.updatedAt());
        assertNotEquals(first.version(), second.version());
        assertEquals(md5Hex("second version"), second.content().eTag());
        assertEquals(Optional.of(second), world.metadata.object(docs.id(), NAME));
        assertEquals("second version", textAt(second));
        assertEquals(Set.of(world.keyOf(second).path()), world.store.paths());
    }

    @Test
    void an_upsert_of_a_new_name_simply_creates_it() {
        StoredObject stored = upload.upload(command(ALICE, NAME, true, "fresh"));

        assertEquals(Optional.of(stored), world.metadata.object(docs.id(), NAME));
    }

    @Test
    void every_upload_writes_its_row_in_one_statement_created_upserted_or_replaced() {
        upload.upload(command(ALICE, NAME, false, "created"));
        int transactions = world.metadata.transactionCount();
        upload.upload(command(ALICE, ObjectName.of("reports/2024/q2.txt"), true, "upserted"));
        upload.upload(command(ALICE, NAME, true, "replaced"));

        assertEquals(3, world.metadata.oneStatementCount());
        assertEquals(transactions + 2, world.metadata.transactionCount(), "nothing but the rows' statements");
    }

    @Test
    void an_upsert_that_finds_its_own_row_keeps_its_bytes_and_replaces_nothing() {
        // A write whose answer was lost on a broken connection runs again and finds its own row (ADR 0017, 0028).
        world.metadata.beforeNextObjectInsert(row -> world.metadata.put(row));

        StoredObject stored = upload.upload(command(ALICE, NAME, true, "ours"));

        assertEquals(Optional.of(stored), world.metadata.object(docs.id(), NAME));
        assertEquals("ours", textAt(stored));
        assertEquals(Set.of(world.keyOf(stored).path()), world.store.paths());
    }

    @Test
    void an_upsert_still_succeeds_when_the_old_bytes_cannot_be_removed() {
        upload.upload(command(ALICE, NAME, false, "first"));
        world.store.failDeletes();

        StoredObject second = upload.upload(command(ALICE, NAME, true, "second"));

        assertEquals(Optional.of(second), world.metadata.object(docs.id(), NAME));
        assertEquals("second", textAt(second));
    }

    @Nested
    class WithTheBucketRemembered {
        @Test
        void a_second_upload_spends_no_transaction_on_reading_the_bucket() {
            upload.upload(command(ALICE, NAME, false, "first"));
            int transactions = world.metadata.transactionCount();

            upload.upload(command(ALICE, ObjectName.of("reports/2024/q2.txt"), true, "second"));

            assertEquals(transactions + 1, world.metadata.transactionCount(), "the row's statement only");
        }

        @Test
        void a_bucket_another_instance_deleted_meanwhile_is_not_found_and_nothing_is_left() {
            StoredObject first = upload.upload(command(ALICE, NAME, false, "first"));
            world.metadata.remove(first);
            world.store.delete(world.keyOf(first));
            world.metadata.inTransaction(SERVICE, repos -> repos.buckets().delete(docs.id()));

            NotFound failure = assertThrows(NotFound.class, () -> upload.upload(command(ALICE, NAME, false, "late")));

            assertEquals(Resource.BUCKET, failure.resource());
            assertNothingStored();
        }
    }

    @Nested
    class RefusedBeforeAnyByteIsStored {
        @Test
        void a_missing_bucket() {
            NotFound failure = assertThrows(NotFound.class, () -> upload.upload(new UploadObject.Command(ALICE,
                    BucketId.of("nope"), NAME, false, MimeType.of("text/plain"), CacheControl.DEFAULT,
                    UserMetadata.EMPTY, OptionalLong.empty(), bodyThatMustNotBeRead())));

            assertEquals(Resource.BUCKET, failure.resource());
            assertEquals("Bucket not found", failure.getMessage());
            assertNothingStored();
        }

        @Test
        void a_content_type_the_bucket_does_not_accept() {
            Bucket images = world.bucket("images", new BucketSettings(true, Optional.empty(),
                    List.of(MimeType.of("image/png"), MimeType.of("image/jpeg"))));

            MimeTypeNotAllowed failure = assertThrows(MimeTypeNotAllowed.class, () -> upload.upload(
                    new UploadObject.Command(ALICE, images.id(), NAME, false, MimeType.of("image/gif"),
                            CacheControl.DEFAULT, UserMetadata.EMPTY, OptionalLong.empty(), bodyThatMustNotBeRead())));

            assertEquals("mime type image/gif is not supported", failure.getMessage());
            assertNothingStored();
        }

        @Test
        void a_declared_length_over_the_buckets_limit() {
            Bucket small = world.bucket("small", new BucketSettings(false, Optional.of(ByteSize.of(10)), List.of()));

            TooLarge failure = assertThrows(TooLarge.class, () -> upload.upload(new UploadObject.Command(ALICE,
                    small.id(), NAME, false, MimeType.of("text/plain"), CacheControl.DEFAULT, UserMetadata.EMPTY,
                    OptionalLong.of(11), bodyThatMustNotBeRead())));

            assertEquals("The object exceeded the maximum allowed size", failure.getMessage());
            assertNothingStored();
        }

        @Test
        void a_declared_length_over_the_servers_limit() {
            assertThrows(TooLarge.class, () -> upload.upload(new UploadObject.Command(ALICE, docs.id(), NAME, false,
                    MimeType.of("text/plain"), CacheControl.DEFAULT, UserMetadata.EMPTY, OptionalLong.of(1025),
                    bodyThatMustNotBeRead())));

            assertNothingStored();
        }
    }

    @Test
    void an_undeclared_body_over_the_limit_is_cut_off_early_and_nothing_is_stored() {
        CountingBody tenMegabytes = new CountingBody(10 * 1024 * 1024);

        assertThrows(TooLarge.class, () -> upload.upload(new UploadObject.Command(ALICE, docs.id(), NAME, false,
                MimeType.of("application/octet-stream"), CacheControl.DEFAULT, UserMetadata.EMPTY,
                OptionalLong.empty(), tenMegabytes)));

        assertNothingStored();
        assertTrue(tenMegabytes.served < 100 * 1024, "read " + tenMegabytes.served + " bytes of a body over the limit");
    }

    @Test
    void an_undeclared_body_one_byte_over_the_limit_is_refused() {
        assertThrows(TooLarge.class, () -> upload.upload(command(ALICE, NAME, false, "x".repeat(1025))));

        assertNothingStored();
    }

    @Test
    void an_oversized_body_is_too_large_even_when_the_store_wraps_the_streams_failure() {
        ObjectStore wrapping = new ObjectStore() {
            @Override
            public StoredBlob write(BlobKey key, BlobAttributes attributes, InputStream content) {
                try {
                    content.transferTo(OutputStream.nullOutputStream());
                    return new StoredBlob(0);
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("SDK-style wrapper", e);
                }
            }

            @Override
            public BlobContent read(BlobKey key, Optional<ByteRange> range) {
                throw new BlobNotFound(key);
            }

            @Override
            public BlobInfo head(BlobKey key) {
                throw new BlobNotFound(key);
            }

            @Override
            public void copy(BlobKey from, BlobKey to) {
                throw new BlobNotFound(from);
            }

            @Override
            public void delete(BlobKey key) {
            }

            @Override
            public Stream<StoreEntry> list(String projectRef) {
                return Stream.empty();
            }

            @Override
            public void remove(StoreEntry entry) {
            }

            @Override
            public boolean isHealthy() {
                return true;
            }
        };
        UploadObject throughWrapper = new UploadObject(world.metadata, world.buckets, wrapping, world.cleaner, world.settings,
                world.ids, world.clock);

        assertThrows(TooLarge.class, () -> throughWrapper.upload(command(ALICE, NAME, false, "x".repeat(1025))));
    }

    @Test
    void a_row_the_callers_policies_refuse_leaves_no_bytes_behind() {
        world.metadata.denyWrites();

        AccessDenied failure = assertThrows(AccessDenied.class, () -> upload.upload(command(ALICE, NAME, false, "hi")));

        assertEquals("new row violates row-level security policy", failure.getMessage());
        assertNothingStored();
    }

    @Test
    void upserting_over_an_object_the_caller_cannot_see_is_denied_and_changes_nothing() {
        StoredObject hidden = upload.upload(command(SERVICE, NAME, false, "secret"));
        world.metadata.hideObjects();

        assertThrows(AccessDenied.class, () -> upload.upload(command(ALICE, NAME, true, "overwrite")));

        assertEquals(Optional.of(hidden), world.metadata.object(docs.id(), NAME));
        assertEquals(Set.of(world.keyOf(hidden).path()), world.store.paths());
    }

    @Test
    void an_upsert_needs_the_written_row_to_stay_visible_to_the_caller_as_supabases_returning_does() {
        world.metadata.hideObjects();

        AccessDenied failure = assertThrows(AccessDenied.class, () -> upload.upload(command(ALICE, NAME, true, "drop")));

        assertEquals("new row violates row-level security policy", failure.getMessage());
        assertNothingStored();
        assertEquals(NAME, upload.upload(command(ALICE, NAME, false, "drop")).name(), "a plain insert reads nothing");
    }

    @Nested
    class RacingAConcurrentUploadOfTheSameName {
        @Test
        void an_upsert_looks_again_and_replaces_the_row_the_other_upload_created() {
            StoredObject[] theirs = new StoredObject[1];
            world.metadata.beforeNextObjectInsert(() -> theirs[0] = upload.upload(command(SERVICE, NAME, false, "theirs")));

            StoredObject ours = upload.upload(command(ALICE, NAME, true, "ours"));

            assertEquals(theirs[0].id(), ours.id());
            assertEquals(Optional.of(ours), world.metadata.object(docs.id(), NAME));
            assertEquals("ours", textAt(ours));
            assertEquals(Set.of(world.keyOf(ours).path()), world.store.paths());
        }

        @Test
        void without_upsert_the_later_one_is_a_duplicate_and_its_bytes_are_removed() {
            StoredObject[] theirs = new StoredObject[1];
            world.metadata.beforeNextObjectInsert(() -> theirs[0] = upload.upload(command(SERVICE, NAME, false, "theirs")));

            assertThrows(AlreadyExists.class, () -> upload.upload(command(ALICE, NAME, false, "ours")));

            assertEquals(Optional.of(theirs[0]), world.metadata.object(docs.id(), NAME));
            assertEquals(Set.of(world.keyOf(theirs[0]).path()), world.store.paths());
        }
    }

    private UploadObject.Command command(Caller caller, ObjectName name, boolean upsert, String text) {
        return new UploadObject.Command(caller, docs.id(), name, upsert, MimeType.of("text/plain"),
                CacheControl.DEFAULT, UserMetadata.EMPTY, OptionalLong.empty(), body(text));
    }

    private String textAt(StoredObject object) {
        byte[] bytes = world.store.bytesAt(world.keyOf(object)).orElseThrow();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void assertNothingStored() {
        assertEquals(Set.of(), world.store.paths(), "blobs");
        assertEquals(List.of(), world.metadata.objectsIn(docs.id()), "rows");
    }

    /** A body of {@code size} zero bytes that remembers how many it handed out. */
    private static final class CountingBody extends InputStream {
        private final long size;
        private long served;

        CountingBody(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return read(new byte[1], 0, 1) < 0 ? -1 : 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - served);
            served += n;
            return n;
        }
    }
}
