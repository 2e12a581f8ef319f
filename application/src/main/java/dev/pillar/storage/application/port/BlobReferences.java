package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.StoredObject;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: what the metadata points at in the store, asked a batch at a time, as the server (no caller's policies
 * hide a row). The reconciler compares it with what the store lists.
 */
public interface BlobReferences {

    /**
     * Of {@code keys}, those something still points at: an object row at that version, or a resumable upload in
     * progress whose blob-to-be or staged tail has that version. The keys' project is not looked at.
     */
    Set<BlobKey> referenced(Collection<BlobKey> keys);

    /** Of {@code uploadIds} (multipart uploads), those an upload session in progress is assembling. */
    Set<String> liveMultipartUploads(Collection<String> uploadIds);

    /** Of {@code buckets}, those that have a row. */
    Set<BucketId> existingBuckets(Collection<BucketId> buckets);

    /** Up to {@code limit} object rows after {@code after} (from the first when empty), by bucket, then name bytewise. */
    List<StoredObject> objectsAfter(Optional<StoredObject> after, int limit);
}
