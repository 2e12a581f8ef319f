package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What every {@link MultipartStore} adapter promises; each adapter's test subclasses this and hands
 * over a fresh, empty store (which is also the {@link ObjectStore} the finished blob is read from).
 */
public abstract class MultipartStoreContract {
    private static final int PART = (int) MultipartStore.MIN_PART_SIZE;
    private static final BlobKey KEY = new BlobKey("proj", BucketId.of("b"), ObjectName.of("big/file.bin"), "v1");
    private static final BlobAttributes VIDEO = new BlobAttributes(MimeType.of("video/mp4"), CacheControl.of("no-cache"));

    /** The store under test, as the multipart port. */
    protected abstract MultipartStore multipart();

    /** The same store, as the object port. */
    protected abstract ObjectStore objects();

    /**
     * Whether the store tells an unknown, completed or aborted upload from a live one when parts are
     * listed or sent. AWS S3, MinIO and the filesystem adapter do; S3Proxy's filesystem backend
     * takes parts for any id, so only completion and abort can be checked against it.
     */
    protected boolean detectsUnknownUploads() {
        return true;
    }

    private List<StoreEntry> uploads() {
        try (Stream<StoreEntry> entries = objects().list("proj")) {
            return entries.filter(entry -> entry.kind() == StoreEntry.Kind.MULTIPART_UPLOAD).toList();
        }
    }

    @Test
    void completes_parts_into_one_blob_that_is_invisible_until_then() {
        byte[] payload = bytes(2 * PART + 1234, 1);
        String upload = multipart().begin(KEY, VIDEO);

        UploadedPart one = put(upload, 1, slice(payload, 0, PART));
        UploadedPart two = put(upload, 2, slice(payload, PART, 2 * PART));
        UploadedPart three = put(upload, 3, slice(payload, 2 * PART, payload.length));

        assertThrows(BlobNotFound.class, () -> objects().head(KEY), "nothing is visible before completion");
        assertEquals(List.of(one, two, three), multipart().listParts(KEY, upload));
        assertEquals(List.of((long) PART, (long) PART, 1234L), List.of(one.size(), two.size(), three.size()));

        StoredBlob stored = multipart().complete(KEY, upload, List.of(one, two, three));

        assertEquals(payload.length, stored.size());
        assertEquals(new BlobInfo(payload.length, VIDEO), objects().head(KEY));
        assertArrayEquals(ObjectStoreContract.sha256(payload), ObjectStoreContract.sha256(readAll(KEY)));
        if (detectsUnknownUploads()) {
            assertThrows(NotFound.class, () -> multipart().listParts(KEY, upload), "a completed upload is gone");
        }
    }

    @Test
    void a_part_sent_again_replaces_the_earlier_one_and_parts_may_arrive_out_of_order() {
        byte[] first = bytes(PART, 2);
        byte[] second = bytes(700, 3);
        String upload = multipart().begin(KEY, BlobAttributes.DEFAULT);

        UploadedPart last = put(upload, 2, second);
        UploadedPart stale = put(upload, 1, bytes(PART, 4));
        UploadedPart fresh = put(upload, 1, first);

        assertNotEquals(stale.etag(), fresh.etag(), "different bytes, different tags");
        assertEquals(List.of(fresh, last), multipart().listParts(KEY, upload));
        multipart().complete(KEY, upload, List.of(fresh, last));
        byte[] expected = Arrays.copyOf(first, PART + 700);
        System.arraycopy(second, 0, expected, PART, 700);
        assertArrayEquals(expected, readAll(KEY));
    }

    @Test
    void an_upload_in_progress_is_listed_until_it_completes_and_removing_it_aborts_it() {
        BlobKey otherKey = new BlobKey("proj", BucketId.of("b"), ObjectName.of("other.bin"), "v2");
        String doomed = multipart().begin(KEY, BlobAttributes.DEFAULT);
        put(doomed, 1, bytes(10, 7));
        String finishing = multipart().begin(otherKey, BlobAttributes.DEFAULT);
        UploadedPart only = multipart().putPart(otherKey, finishing, 1, new ByteArrayInputStream(bytes(5, 8)), 5);

        List<StoreEntry> uploads = uploads();

        assertEquals(Set.of(doomed, finishing), uploads.stream().map(entry -> entry.uploadId().orElseThrow())
                .collect(Collectors.toSet()));
        assertEquals(10, uploads.stream().filter(entry -> entry.uploadId().orElseThrow().equals(doomed))
                .findFirst().orElseThrow().size());
        objects().remove(uploads.stream().filter(entry -> entry.uploadId().orElseThrow().equals(doomed))
                .findFirst().orElseThrow());
        multipart().complete(otherKey, finishing, List.of(only));

        assertEquals(List.of(), uploads());
        if (detectsUnknownUploads()) {
            assertThrows(NotFound.class, () -> multipart().listParts(KEY, doomed), "removing it aborted it");
        }
    }

    @Test
    void a_single_small_part_makes_a_blob() {
        byte[] payload = bytes(10, 5);
        String upload = multipart().begin(KEY, BlobAttributes.DEFAULT);

        UploadedPart only = put(upload, 1, payload);

        assertEquals(10, multipart().complete(KEY, upload, List.of(only)).size());
        assertArrayEquals(payload, readAll(KEY));
    }

    @Test
    void abort_leaves_nothing_and_may_be_repeated() {
        String upload = multipart().begin(KEY, BlobAttributes.DEFAULT);
        put(upload, 1, bytes(PART, 6));

        multipart().abort(KEY, upload);

        assertThrows(BlobNotFound.class, () -> objects().head(KEY));
        if (detectsUnknownUploads()) {
            assertThrows(NotFound.class, () -> multipart().listParts(KEY, upload));
        }
        assertDoesNotThrow(() -> multipart().abort(KEY, upload));
    }

    @Test
    void an_unknown_upload_is_not_found() {
        String bogus = multipart().begin(KEY, BlobAttributes.DEFAULT) + "x";

        if (detectsUnknownUploads()) {
            assertNotFound(() -> multipart().listParts(KEY, bogus));
            assertNotFound(() -> put(bogus, 1, bytes(10, 7)));
        }
        assertNotFound(() -> multipart().complete(KEY, bogus, List.of(new UploadedPart(1, "\"x\"", 10))));
        assertDoesNotThrow(() -> multipart().abort(KEY, bogus));
    }

    @Test
    void a_part_whose_stream_fails_or_ends_early_is_not_stored() {
        String upload = multipart().begin(KEY, BlobAttributes.DEFAULT);
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(bytes(1000, 8)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        });

        assertThrows(UncheckedIOException.class, () -> multipart().putPart(KEY, upload, 1, failing, 5000));
        assertThrows(UncheckedIOException.class, () -> multipart().putPart(KEY, upload, 2,
                new ByteArrayInputStream(bytes(1000, 9)), 5000));

        assertEquals(List.of(), multipart().listParts(KEY, upload));
        multipart().abort(KEY, upload);
    }

    private UploadedPart put(String upload, int number, byte[] bytes) {
        return multipart().putPart(KEY, upload, number, new ByteArrayInputStream(bytes), bytes.length);
    }

    private byte[] readAll(BlobKey key) {
        return ObjectStoreContract.readAll(objects(), key, Optional.empty());
    }

    private static void assertNotFound(Runnable call) {
        NotFound failure = assertThrows(NotFound.class, call::run);
        assertEquals(Resource.UPLOAD, failure.resource());
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
