package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.StorageSettings;
import dev.pillar.storage.application.object.BlobCleaner;
import dev.pillar.storage.application.object.VersionPublisher;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.IdGenerator;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.UploadSessionRepository;

import java.util.Objects;

/** Everything the resumable-upload use cases talk to, wired once by bootstrap and shared by them all. */
public record UploadPorts(MetadataStore metadata, ObjectStore store, MultipartStore multipart,
                          UploadSessionRepository sessions, BlobCleaner cleaner, StorageSettings settings,
                          IdGenerator ids, Clock clock) {
    public UploadPorts {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(multipart, "multipart");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(cleaner, "cleaner");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(clock, "clock");
    }

    ChunkWriter writer() {
        return new ChunkWriter(store, multipart, sessions, cleaner, settings.projectRef(), ids, clock);
    }

    UploadCompletion completion() {
        return new UploadCompletion(store, multipart, new VersionPublisher(metadata, cleaner), settings.projectRef(),
                ids, clock);
    }

    UploadDisposal disposal() {
        return new UploadDisposal(multipart, sessions, writer(), settings.projectRef());
    }
}
