package dev.pillar.storage.application;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.application.fakes.FixedClock;
import dev.pillar.storage.application.fakes.InMemoryMetadataStore;
import dev.pillar.storage.application.fakes.InMemoryObjectStore;
import dev.pillar.storage.application.fakes.SequentialIdGenerator;
import dev.pillar.storage.application.object.BlobCleaner;
import dev.pillar.storage.application.object.BucketRules;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectContent;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** The in-memory world use case tests run in: fakes of every port, wired as bootstrap would. */
public final class StorageFixture {
    public static final Instant START = Instant.parse("2024-03-01T09:00:00Z");
    public static final Caller ALICE = new Caller(Role.AUTHENTICATED, Optional.of("alice-uuid"),
            "{\"sub\":\"alice-uuid\",\"role\":\"authenticated\"}");
    public static final Caller SERVICE = Caller.system();

    public final FixedClock clock = new FixedClock(START);
    public final SequentialIdGenerator ids = new SequentialIdGenerator();
    public final InMemoryMetadataStore metadata = new InMemoryMetadataStore();
    public final InMemoryObjectStore store = new InMemoryObjectStore();
    public final StorageSettings settings;
    public final BlobCleaner cleaner;
    public final BucketRules buckets = new BucketRules(metadata, clock);

    public StorageFixture() {
        this(ByteSize.mebibytes(50));
    }

    public StorageFixture(ByteSize globalFileSizeLimit) {
        settings = new StorageSettings("project-ref", globalFileSizeLimit);
        cleaner = new BlobCleaner(store, settings);
    }

    public Bucket bucket(String id) {
        return bucket(id, BucketSettings.privateDefaults());
    }

    public Bucket bucket(String id, BucketSettings bucketSettings) {
        Bucket bucket = Bucket.create(BucketId.of(id), Optional.of("owner-uuid"), bucketSettings, clock.now());
        metadata.put(bucket);
        return bucket;
    }

    /** An object as a past upload left it: its bytes under a fresh version key and its row. */
    public StoredObject object(Bucket bucket, String name, String text) {
        StoredObject object = StoredObject.create(ids.newId(), bucket.id(), ObjectName.of(name), Optional.empty(),
                ids.newId().toString(), contentOf(text), UserMetadata.EMPTY, clock.now());
        store.write(keyOf(object), body(text));
        metadata.put(object);
        return object;
    }

    /** What a concurrent upsert does: new bytes under a new version, the row switched, the old bytes removed. */
    public StoredObject overwrite(StoredObject current, String text) {
        StoredObject newer = StoredObject.create(ids.newId(), current.bucketId(), current.name(), Optional.empty(),
                ids.newId().toString(), contentOf(text), UserMetadata.EMPTY, clock.now())
                .switchedInto(current.id(), current.createdAt());
        store.write(keyOf(newer), body(text));
        metadata.put(newer);
        store.delete(keyOf(current));
        return newer;
    }

    public BlobKey keyOf(StoredObject object) {
        return cleaner.keyOf(object);
    }

    public static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request body that fails the test if anyone reads it: for refusals that must come first. */
    public static InputStream bodyThatMustNotBeRead() {
        return new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read, but the upload should have been refused first");
            }
        };
    }

    private static ObjectContent contentOf(String text) {
        return new ObjectContent(ByteSize.of(text.getBytes(StandardCharsets.UTF_8).length), MimeType.of("text/plain"),
                CacheControl.DEFAULT, md5Hex(text));
    }
}
