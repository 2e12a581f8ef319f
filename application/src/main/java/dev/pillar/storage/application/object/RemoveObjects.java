package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;

import java.util.List;

/**
 * Use case: remove named objects the caller may remove. Rows go in one transaction, then their
 * bytes; names that do not exist, or that policies hide, are simply not in the result.
 */
public final class RemoveObjects {
    public static final int MAX_NAMES = 1000;
    private final MetadataStore metadata;
    private final BlobCleaner cleaner;

    public RemoveObjects(MetadataStore metadata, BlobCleaner cleaner) {
        this.metadata = metadata;
        this.cleaner = cleaner;
    }

    public List<StoredObject> remove(Command command) {
        List<StoredObject> removed = metadata.inTransaction(command.caller(),
                repos -> repos.objects().delete(command.bucketId(), command.names()));
        cleaner.deleteBlobsOf(removed);
        return removed;
    }

    /** Which names to remove from which bucket, as whom (1 to {@value MAX_NAMES} names). */
    public record Command(Caller caller, BucketId bucketId, List<ObjectName> names) {
        public Command {
            names = List.copyOf(names);
            if (names.isEmpty() || names.size() > MAX_NAMES) {
                throw InvalidInput.invalidParameter("prefixes");
            }
        }
    }
}
