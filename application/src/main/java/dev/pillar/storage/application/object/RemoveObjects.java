package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
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

    /**
     * Removes one object, told apart as Supabase does: the server looks for it, so a name that does not exist
     * is "not found", while one that exists but that the caller's policies do not let them delete is refused.
     */
    public StoredObject removeOne(Caller caller, BucketId bucketId, ObjectName name) {
        List<StoredObject> removed = remove(new Command(caller, bucketId, List.of(name)));
        if (!removed.isEmpty()) {
            return removed.getFirst();
        }
        if (metadata.reading(Caller.system(), repos -> repos.objects().find(bucketId, name)).isPresent()) {
            throw new AccessDenied("Access denied");
        }
        throw new NotFound(Resource.OBJECT);
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
