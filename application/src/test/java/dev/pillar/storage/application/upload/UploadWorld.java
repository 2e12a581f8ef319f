package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.fakes.InMemoryMultipartStore;
import dev.pillar.storage.application.fakes.InMemoryUploadSessions;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.UserMetadata;
import dev.pillar.storage.domain.upload.UploadSession;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/** The in-memory world of resumable-upload tests: {@link StorageFixture} plus multipart uploads and sessions. */
final class UploadWorld {
    static final long MIB = 1024 * 1024;
    static final Duration LIFETIME = Duration.ofHours(24);
    final StorageFixture base = new StorageFixture(ByteSize.mebibytes(100));
    final InMemoryMultipartStore multipart = new InMemoryMultipartStore(base.store);
    final InMemoryUploadSessions sessions = new InMemoryUploadSessions();
    final UploadPorts ports = new UploadPorts(base.metadata, base.store, multipart, sessions, base.cleaner,
            base.settings, base.ids, base.clock);
    final CreateResumableUpload create = new CreateResumableUpload(ports, LIFETIME);
    final ReceiveUploadChunk receive = new ReceiveUploadChunk(ports);
    final GetUploadStatus status = new GetUploadStatus(ports);
    final TerminateUpload terminate = new TerminateUpload(ports);
    final SweepExpiredUploads sweep = new SweepExpiredUploads(ports);
    final Bucket bucket = base.bucket("videos");

    UploadSession start(Caller caller, String name, Optional<Long> length) {
        return create.create(new CreateResumableUpload.Command(caller, bucket.id(), ObjectName.of(name), false,
                MimeType.of("video/mp4"), CacheControl.of("max-age=60"), new UserMetadata("{\"take\":1}"),
                length.map(ByteSize::of)));
    }

    /** Sends {@code payload[from, to)} as one chunk at offset {@code from}. */
    UploadSession send(Caller caller, String id, byte[] payload, int from, int to) {
        return receive.receive(new ReceiveUploadChunk.Command(caller, id, from, Optional.empty(), to - from,
                new ByteArrayInputStream(Arrays.copyOfRange(payload, from, to))));
    }

    /** Sends the whole payload in chunks of {@code chunk} bytes; returns the last session. */
    UploadSession sendAll(Caller caller, String id, byte[] payload, int chunk) {
        return sendRest(caller, id, payload, 0, chunk);
    }

    /** Sends the payload from {@code start} on in chunks of {@code chunk} bytes; returns the last session. */
    UploadSession sendRest(Caller caller, String id, byte[] payload, int start, int chunk) {
        UploadSession last = null;
        for (int from = start; from < payload.length; from += chunk) {
            last = send(caller, id, payload, from, Math.min(payload.length, from + chunk));
        }
        return last;
    }

    static byte[] bytes(long size, long seed) {
        byte[] bytes = new byte[(int) size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
