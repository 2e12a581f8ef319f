package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.BlobInfo;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.ObjectStoreContract;
import dev.pillar.storage.application.port.StoreEntry;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The object store contract against a real S3 server (S3Proxy on loopback), and what only S3 shows. */
class S3ObjectStoreTest extends ObjectStoreContract {
    private static final BlobAttributes PNG = new BlobAttributes(MimeType.of("image/png"), CacheControl.of("max-age=31536000"));
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();
    private String bucketName;
    private S3Client client;
    private S3ObjectStore store;

    @BeforeEach
    void openStore() {
        bucketName = S3ProxyServer.newBucketName();
        S3Settings settings = S3.server().settings(bucketName);
        client = S3Clients.build(settings, List.of());
        // Copies above 6 MiB go part by part, so the multipart copy runs on test-sized objects.
        store = new S3ObjectStore(client, settings, new PartBuffers((int) settings.partSize(), 4), 6 * MIB, 5 * MIB);
        store.backingBucket().prepare(true);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    /** S3Proxy, like MinIO, keeps keys as files: {@code a/v1} cannot be a file and a folder at once. */
    @Override
    protected boolean keepsABlobBesideAFolderOfTheSameName() {
        return false;
    }

    @Test
    void a_blob_is_one_s3_object_under_its_versioned_key_with_its_headers() {
        BlobKey key = new BlobKey("proj", BucketId.of("avatars"), ObjectName.of("users/1/me.png"), "v7");

        store.write(key, PNG, new ByteArrayInputStream(randomBytes(1000, 1)));

        HeadObjectResponse head = client.headObject(r -> r.bucket(bucketName).key("proj/avatars/users/1/me.png/v7"));
        assertEquals(1000, head.contentLength());
        assertEquals("image/png", head.contentType());
        assertEquals("max-age=31536000", head.cacheControl());
    }

    @Test
    void a_body_longer_than_a_part_goes_up_in_parts_and_comes_back_whole() {
        byte[] payload = randomBytes(12 * MIB + 7, 2);

        assertEquals(payload.length, store.write(key("parts.bin"), PNG, new ByteArrayInputStream(payload)).size());

        HeadObjectResponse head = client.headObject(r -> r.bucket(bucketName).key("proj/b/parts.bin/v1"));
        assertTrue(head.eTag().endsWith("-3\""), "a multipart upload of 3 parts: " + head.eTag());
        assertEquals(new BlobInfo(payload.length, PNG), store.head(key("parts.bin")));
        assertArrayEquals(sha256(payload), sha256(readAll(store, key("parts.bin"))));
    }

    @Test
    void a_body_of_exactly_one_part_is_one_request() {
        byte[] payload = randomBytes((int) S3Settings.MIN_PART_SIZE, 3);

        store.write(key("one.bin"), new ByteArrayInputStream(payload));

        HeadObjectResponse head = client.headObject(r -> r.bucket(bucketName).key("proj/b/one.bin/v1"));
        assertFalse(head.eTag().contains("-"), "a plain PutObject: " + head.eTag());
        assertArrayEquals(sha256(payload), sha256(readAll(store, key("one.bin"))));
    }

    @Test
    void an_upload_cut_off_after_several_parts_aborts_its_multipart_upload() {
        IOException clientGone = new IOException("client went away");

        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> store.write(key("cut.bin"), failingAfter(randomBytes(11 * MIB, 4), clientGone)));

        assertEquals(clientGone, failure.getCause());
        assertEquals(List.of(), client.listMultipartUploads(r -> r.bucket(bucketName)).uploads(),
                "no multipart upload is left to linger");
        assertEquals(List.of(), keys());
    }

    @Test
    void a_copy_above_the_single_copy_limit_is_assembled_from_part_copies() {
        byte[] payload = randomBytes(12 * MIB + 1, 5);
        store.write(key("big/src"), PNG, new ByteArrayInputStream(payload));

        store.copy(key("big/src"), key("big/dst"));

        HeadObjectResponse head = client.headObject(r -> r.bucket(bucketName).key("proj/b/big/dst/v1"));
        assertTrue(head.eTag().endsWith("-3\""), "three copied parts of 5 MiB: " + head.eTag());
        assertEquals(new BlobInfo(payload.length, PNG), store.head(key("big/dst")));
        assertArrayEquals(sha256(payload), sha256(readAll(store, key("big/dst"))));
        assertEquals(List.of(), client.listMultipartUploads(r -> r.bucket(bucketName)).uploads());
    }

    @Test
    void a_name_too_long_for_s3_is_kept_under_a_digest_of_its_key() {
        BlobKey longName = key(("segment-" + "x".repeat(300) + "/").repeat(3) + "end");
        byte[] payload = randomBytes(100, 6);

        store.write(longName, new ByteArrayInputStream(payload));

        List<String> stored = keys();
        assertEquals(1, stored.size());
        assertTrue(stored.getFirst().matches("proj/b/~[0-9a-f]{64}"), stored.getFirst());
        assertArrayEquals(payload, readAll(store, longName));
    }

    @Test
    void reading_pulls_the_body_from_s3_as_it_is_consumed_not_up_front() throws IOException {
        byte[] payload = randomBytes(64 * MIB, 7);
        store.write(key("stream.bin"), new ByteArrayInputStream(payload));
        try (ByteCountingRelay relay = new ByteCountingRelay(S3.server().port());
             S3ObjectStore throughRelay = S3ObjectStore.open(S3ProxyServer.settings(relay.endpoint(), bucketName))) {

            try (BlobContent content = throughRelay.read(key("stream.bin"), Optional.empty())) {
                assertArrayEquals(java.util.Arrays.copyOf(payload, 1024), content.stream().readNBytes(1024));
                sleep(Duration.ofMillis(300));
                long pulledEarly = relay.bytesToClient();
                assertTrue(pulledEarly < 32L * MIB, "after 1 KiB only socket buffers are in flight, not "
                        + pulledEarly + " bytes");

                byte[] rest = content.stream().readAllBytes();
                assertEquals(payload.length - 1024, rest.length);
                assertTrue(relay.bytesToClient() >= payload.length, "the rest came as it was read");
            }
        }
    }

    @Test
    void closing_a_download_early_drops_it_instead_of_draining_the_object() throws IOException {
        byte[] payload = randomBytes(64 * MIB, 8);
        store.write(key("abandoned.bin"), new ByteArrayInputStream(payload));
        try (ByteCountingRelay relay = new ByteCountingRelay(S3.server().port());
             S3ObjectStore throughRelay = S3ObjectStore.open(S3ProxyServer.settings(relay.endpoint(), bucketName))) {

            try (BlobContent content = throughRelay.read(key("abandoned.bin"), Optional.empty())) {
                content.stream().readNBytes(10);
            }
            sleep(Duration.ofMillis(300));

            assertTrue(relay.bytesToClient() < 32L * MIB, "closed after 10 bytes, yet pulled " + relay.bytesToClient());
            assertEquals(new BlobInfo(payload.length, BlobAttributes.DEFAULT), throughRelay.head(key("abandoned.bin")),
                    "the client still works after dropping a connection");
        }
    }

    @Test
    void lists_every_key_under_a_prefix_across_pages() {
        IntStream.range(0, 7).forEach(i -> store.write(key("list/me/" + i), new ByteArrayInputStream(new byte[] {1})));
        store.write(key("list/other"), new ByteArrayInputStream(new byte[] {2}));

        try (Stream<StoreEntry> listed = store.list("proj", 2)) {
            assertEquals(IntStream.range(0, 7).mapToObj(i -> key("list/me/" + i)).toList(),
                    listed.flatMap(entry -> entry.key().stream()).filter(key -> key.name().value().startsWith("list/me/"))
                            .toList());
        }
    }

    @Test
    void the_backing_bucket_can_be_created_and_deleted() {
        S3Settings settings = S3.server().settings(S3ProxyServer.newBucketName());
        try (S3Client other = S3Clients.build(settings, List.of())) {
            BackingBucket bucket = new BackingBucket(new S3Bucket(other, settings.bucket()), Duration.ofSeconds(2));
            assertFalse(bucket.exists());

            bucket.create();
            bucket.create();

            assertTrue(bucket.exists());
            bucket.delete();
            assertFalse(bucket.exists());
        }
    }

    @Test
    void a_store_whose_bucket_was_removed_fails_as_unavailable_and_turns_unhealthy() {
        store.backingBucket().delete();

        Unavailable failure = assertThrows(Unavailable.class,
                () -> store.write(key("x"), new ByteArrayInputStream(new byte[] {1})));

        assertEquals("The object store's bucket is missing (PutObject)", failure.getMessage());
        assertFalse(store.isHealthy());
        store.backingBucket().create();
    }

    @Test
    void wrong_credentials_are_unavailable_with_a_clear_message() {
        S3Settings good = S3.server().settings(bucketName);
        S3Settings wrong = new S3Settings(good.endpoint(), good.region(), good.bucket(),
                Optional.of(new S3Settings.Credentials(S3ProxyServer.ACCESS_KEY, "not-the-secret")), true, true,
                good.partSize(), 4, good.healthTimeout());
        try (S3Client badClient = S3Clients.build(wrong, List.of());
             S3ObjectStore refused = new S3ObjectStore(badClient, wrong, new PartBuffers((int) wrong.partSize(), 1),
                     6 * MIB, 5 * MIB)) {

            Unavailable failure = assertThrows(Unavailable.class,
                    () -> refused.write(key("x"), new ByteArrayInputStream(new byte[] {1})));

            assertTrue(failure.getMessage().startsWith("The object store refused the server's credentials"),
                    failure.getMessage());
            assertFalse(refused.isHealthy());
        }
    }

    /** Every S3 key the store holds for the tests' project. */
    private List<String> keys() {
        try (Stream<StoreEntry> entries = store.list("proj")) {
            return entries.map(StoreEntry::location).toList();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
