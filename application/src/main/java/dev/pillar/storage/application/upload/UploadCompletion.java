package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.digest.Md5;
import dev.pillar.storage.application.object.VersionPublisher;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.IdGenerator;
import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.ObjectContent;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.upload.UploadTarget;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a fully received upload into an object: the parts are joined into the blob at the upload's own
 * version key, then the row is published exactly as a normal upload's ({@link VersionPublisher}: inserted,
 * or switched when upserting, as the completing caller so policies decide again; the blob is removed if
 * that is refused). The object's ETag is S3's for a multipart upload: the MD5 of the parts' MD5s, "-", and
 * the number of parts.
 */
final class UploadCompletion {
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    private final ObjectStore store;
    private final MultipartStore multipart;
    private final VersionPublisher publisher;
    private final String projectRef;
    private final IdGenerator ids;
    private final Clock clock;

    UploadCompletion(ObjectStore store, MultipartStore multipart, VersionPublisher publisher, String projectRef,
                     IdGenerator ids, Clock clock) {
        this.store = store;
        this.multipart = multipart;
        this.publisher = publisher;
        this.projectRef = projectRef;
        this.ids = ids;
        this.clock = clock;
    }

    /** Completes {@code upload} from {@code parts} (all of them, ascending) and publishes the object. */
    StoredObject complete(Caller caller, ResumableUpload upload, List<UploadedPart> parts) {
        BlobKey key = upload.key(projectRef);
        long size;
        String eTag;
        if (parts.isEmpty()) {
            upload.multipartId().ifPresent(id -> multipart.abort(key, id));
            size = store.write(key, InputStream.nullInputStream()).size();
            eTag = hex(Md5.messageDigest().digest());
        } else {
            size = multipart.complete(key, upload.multipartId().orElseThrow(), parts).size();
            eTag = multipartETag(parts);
        }
        UploadTarget target = upload.session().target();
        StoredObject candidate = StoredObject.create(ids.newId(), target.bucketId(), target.name(), target.owner(),
                upload.version(), new ObjectContent(ByteSize.of(size), target.contentType(), target.cacheControl(), eTag),
                target.userMetadata(), clock.now());
        return publisher.publish(caller, candidate, target.upsert());
    }

    static String multipartETag(List<UploadedPart> parts) {
        MessageDigest digests = Md5.messageDigest();
        for (UploadedPart part : parts) {
            String tag = part.etag().replace("\"", "").toLowerCase(java.util.Locale.ROOT);
            digests.update(MD5_HEX.matcher(tag).matches() ? HexFormat.of().parseHex(tag)
                    : Md5.messageDigest().digest(tag.getBytes(StandardCharsets.UTF_8)));
        }
        return hex(digests.digest()) + "-" + parts.size();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
