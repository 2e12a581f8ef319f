package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.BlobNotFound;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ByteRange;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.RequestedRange;
import dev.pillar.storage.domain.object.StoredObject;

import java.time.Instant;
import java.util.Optional;

/**
 * Use case: open an object the caller may read, whole or in part, or tell them their copy is current.
 * Who reads is decided as Supabase does (see {@link ReadRoute}).
 *
 * <p>The row names the version to read; if an overwrite removes that version between the look-up
 * and the open, the row is read again and the newer version served, so a download racing an
 * upload gets one complete object and never an error.
 */
public final class DownloadObject {
    private static final int ATTEMPTS = 5;
    private final ReadableObjects objects;
    private final ObjectStore store;
    private final BlobCleaner keys;

    public DownloadObject(MetadataStore metadata, BucketRules buckets, ObjectStore store, BlobCleaner keys) {
        this.objects = new ReadableObjects(metadata, buckets);
        this.store = store;
        this.keys = keys;
    }

    public Download download(Command command) {
        for (int attempt = 1; ; attempt++) {
            StoredObject object = objects.find(command.caller(), command.bucketId(), command.name(), command.route());
            if (object.isUnchangedFor(command.ifNoneMatch(), command.ifModifiedSince())) {
                return new Download.NotModified(object);
            }
            Optional<ByteRange> range = command.range().map(r -> r.resolve(object.content().size().bytes()));
            try {
                return new Download.Content(object, range, store.read(keys.keyOf(object), range));
            } catch (BlobNotFound e) {
                if (attempt == ATTEMPTS) {
                    throw new NotFound(Resource.OBJECT);
                }
            }
        }
    }

    /** What to read, as whom, through which kind of route, with the client's range and cache validators. */
    public record Command(Caller caller, BucketId bucketId, ObjectName name, Optional<RequestedRange> range,
                          Optional<String> ifNoneMatch, Optional<Instant> ifModifiedSince, ReadRoute route) {
        /** A read through an authenticated route. */
        public Command(Caller caller, BucketId bucketId, ObjectName name, Optional<RequestedRange> range,
                       Optional<String> ifNoneMatch, Optional<Instant> ifModifiedSince) {
            this(caller, bucketId, name, range, ifNoneMatch, ifModifiedSince, ReadRoute.AUTHENTICATED);
        }
    }

    /** Either the bytes to send or a note that the client's copy is current. */
    public sealed interface Download {
        StoredObject object();

        /** The client's copy is current: answer 304 with no body. */
        record NotModified(StoredObject object) implements Download {
        }

        /** The bytes (the whole object, or {@code range} of it) to stream; the caller closes them. */
        record Content(StoredObject object, Optional<ByteRange> range, BlobContent body) implements Download {
        }
    }
}
