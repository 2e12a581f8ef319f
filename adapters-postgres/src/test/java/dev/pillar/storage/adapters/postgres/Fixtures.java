package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.application.port.ListedEntry;
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

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Callers, buckets and objects for the tests. */
final class Fixtures {
    static final Caller SERVICE = Caller.system();
    static final Caller ANON = new Caller(Role.ANON, Optional.empty(), "{\"role\":\"anon\"}");
    /** Authenticated users may read and write the objects under a first folder named by their id. */
    static final String OWN_FOLDER_POLICY = """
            create policy "own folder" on storage.objects for all to authenticated
            using ((storage.foldername(name))[1] = auth.uid()::text)
            with check ((storage.foldername(name))[1] = auth.uid()::text)""";
    /** Authenticated users may read the objects they own. */
    static final String OWN_FILES_POLICY = """
            create policy "own files" on storage.objects for select to authenticated
            using (owner_id = auth.uid()::text)""";

    private Fixtures() {
    }

    static Caller user(UUID id) {
        return new Caller(Role.AUTHENTICATED, Optional.of(id.toString()),
                "{\"sub\":\"" + id + "\",\"role\":\"authenticated\"}");
    }

    static Bucket bucket(String id) {
        return Bucket.create(BucketId.of(id), Optional.empty(), BucketSettings.privateDefaults(), Instant.now());
    }

    static StoredObject object(String bucket, String name) {
        return object(bucket, name, Optional.empty());
    }

    static StoredObject object(String bucket, String name, Optional<String> owner) {
        ObjectContent content = new ObjectContent(ByteSize.of(name.length()), MimeType.of("text/plain;charset=UTF-8"),
                CacheControl.DEFAULT, "etag-" + Math.abs(name.hashCode()));
        return StoredObject.create(UUID.randomUUID(), BucketId.of(bucket), ObjectName.of(name), owner,
                UUID.randomUUID().toString(), content, UserMetadata.EMPTY, Instant.now());
    }

    /** Creates {@code bucket} holding an object (no owner) under each of {@code names}, as the service role. */
    static void bucketWith(PostgresMetadataStore store, String bucket, String... names) {
        store.inTransaction(SERVICE, repos -> {
            repos.buckets().insert(bucket(bucket));
            for (String name : names) {
                repos.objects().insert(object(bucket, name));
            }
            return null;
        });
    }

    /** Entries as {@code name} for files and {@code name/} for folders, for compact assertions. */
    static List<String> names(List<ListedEntry> entries) {
        return entries.stream().map(entry -> entry.isFolder() ? entry.name() + "/" : entry.name()).toList();
    }
}
