package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectRepository;
import dev.pillar.storage.application.port.ObjectRepository.Upserted;
import dev.pillar.storage.domain.object.StoredObject;

import java.util.Optional;

/**
 * Makes a freshly stored version visible under its name in one statement acting as the caller (ADR 0028): inserts
 * its row or, when upserting, switches the existing row to it (row-level security decides). After the commit the
 * replaced version's bytes are removed; when the write is refused or fails, the fresh version's bytes are removed
 * instead, so either way no blob is left without a row.
 */
public final class VersionPublisher {
    private final MetadataStore metadata;
    private final BlobCleaner cleaner;

    public VersionPublisher(MetadataStore metadata, BlobCleaner cleaner) {
        this.metadata = metadata;
        this.cleaner = cleaner;
    }

    /** The visible object: {@code candidate}, or the existing object switched to its version. */
    public StoredObject publish(Caller caller, StoredObject candidate, boolean upsert) {
        Upserted written;
        try {
            written = RowWriteQueue.exclusively(candidate.bucketId(), candidate.name(),
                    () -> metadata.inOneStatement(caller, repos -> write(repos.objects(), candidate, upsert)));
        } catch (RuntimeException e) {
            cleaner.deleteBlob(cleaner.keyOf(candidate));
            throw e;
        }
        // A version equal to our own is our row: the write was committed, its answer lost, and it ran again.
        written.replacedVersion().filter(version -> !version.equals(candidate.version()))
                .ifPresent(version -> cleaner.deleteBlob(cleaner.keyOf(candidate, version)));
        return written.stored();
    }

    /** The write an upload makes: an upsert, or an insert that a taken name fails as {@code AlreadyExists}. */
    static Upserted write(ObjectRepository objects, StoredObject candidate, boolean upsert) {
        if (upsert) {
            return objects.upsert(candidate);
        }
        objects.insert(candidate);
        return new Upserted(candidate, Optional.empty());
    }
}
