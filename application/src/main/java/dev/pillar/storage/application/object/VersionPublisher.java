package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectRepository;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.object.StoredObject;

import java.util.Optional;

/**
 * Makes a freshly stored version visible under its name in one transaction acting as the caller: inserts
 * its row or, when upserting, switches the existing row to it (row-level security decides). After the
 * commit the replaced version's bytes are removed; when the commit is refused or fails, the fresh
 * version's bytes are removed instead, so either way no blob is left without a row.
 */
public final class VersionPublisher {
    private static final int ATTEMPTS = 3;
    private final MetadataStore metadata;
    private final BlobCleaner cleaner;

    public VersionPublisher(MetadataStore metadata, BlobCleaner cleaner) {
        this.metadata = metadata;
        this.cleaner = cleaner;
    }

    /** The visible object: {@code candidate}, or the existing object switched to its version. */
    public StoredObject publish(Caller caller, StoredObject candidate, boolean upsert) {
        Optional<StoredObject> replaced;
        try {
            replaced = commitRow(caller, candidate, upsert);
        } catch (RuntimeException e) {
            cleaner.deleteBlob(cleaner.keyOf(candidate));
            throw e;
        }
        replaced.ifPresent(old -> cleaner.deleteBlob(cleaner.keyOf(old)));
        return replaced.map(old -> old.replacedBy(candidate)).orElse(candidate);
    }

    /**
     * An upsert is Supabase's {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}: Postgres refuses it unless
     * the written row passes the caller's SELECT policies too, so a caller who may insert but not read (a drop
     * box) cannot upsert, even a new name. The service role bypasses row-level security: nothing to ask.
     */
    static void mustStayVisible(Caller writer, ObjectRepository objects, StoredObject written) {
        if (writer.role() != Role.SERVICE_ROLE && objects.find(written.bucketId(), written.name()).isEmpty()) {
            throw new AccessDenied("new row violates row-level security policy");
        }
    }

    /**
     * Inserts the row, or switches the existing one when upserting; returns the version it replaced. Without
     * upsert the insert alone decides: the name's unique key refuses a taken name. An upsert first tries to add the
     * row the same way (a new name, the usual case, costs that one statement); only a taken name takes the
     * transaction that looks the row up, locked, and switches it.
     */
    private Optional<StoredObject> commitRow(Caller caller, StoredObject candidate, boolean upsert) {
        return RowWriteQueue.exclusively(candidate.bucketId(), candidate.name(), () -> {
            if (!upsert) {
                metadata.inOneStatement(caller, repos -> {
                    repos.objects().insert(candidate); // a taken name fails as AlreadyExists
                    return null;
                });
                return Optional.empty();
            }
            for (int attempt = 1; ; attempt++) {
                if (metadata.inOneStatement(caller, repos -> repos.objects().insertIfAbsent(candidate))) {
                    return Optional.empty();
                }
                Optional<StoredObject> found = metadata.inTransaction(caller, repos -> {
                    Optional<StoredObject> row = repos.objects().findForUpdate(candidate.bucketId(), candidate.name());
                    row.filter(other -> !isOwn(other, candidate)).ifPresent(other -> {
                        repos.objects().update(other.replacedBy(candidate));
                        mustStayVisible(caller, repos.objects(), candidate);
                    });
                    return row;
                });
                if (found.isPresent()) {
                    return found.filter(other -> !isOwn(other, candidate));
                }
                // Gone meanwhile (add it again), or taken by a row the caller cannot see.
                if (attempt == ATTEMPTS) {
                    throw new AccessDenied("new row violates row-level security policy");
                }
            }
        });
    }

    /**
     * The row already is the candidate's version: its insert was added, but the answer was lost on a broken
     * connection and the insert ran again (ADR 0017). Nothing was replaced.
     */
    private static boolean isOwn(StoredObject row, StoredObject candidate) {
        return row.version().equals(candidate.version());
    }
}
