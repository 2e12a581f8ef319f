package dev.pillar.storage.application.image;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.application.object.ReadRoute;
import dev.pillar.storage.application.signed.DownloadSignedObject;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.signing.DownloadGrant;

import java.util.Optional;

/**
 * Where the image to transform comes from, already authorised: by the caller's policies, a public bucket
 * or a signed token. Each render route differs only in the source it hands to {@link TransformImage}.
 */
@FunctionalInterface
public interface ImageSource {

    /** Finds and opens the whole object; the caller closes its body. */
    DownloadObject.Download.Content open();

    /**
     * The object as {@code caller} may read it under the project's row-level-security policies, in a public
     * bucket too (Supabase's authenticated render route reads no object as the server).
     */
    static ImageSource readableBy(DownloadObject downloads, Caller caller, BucketId bucketId, ObjectName name) {
        DownloadObject.Command command = new DownloadObject.Command(caller, bucketId, name, Optional.empty(),
                Optional.empty(), Optional.empty(), ReadRoute.AUTHENTICATED_IMAGE);
        return () -> whole(downloads.download(command));
    }

    /** The object of a public bucket, which anyone may read; a private bucket's objects are not found. */
    static ImageSource publicly(DownloadObject downloads, BucketId bucketId, ObjectName name) {
        DownloadObject.Command command = new DownloadObject.Command(Caller.system(), bucketId, name,
                Optional.empty(), Optional.empty(), Optional.empty(), ReadRoute.PUBLIC);
        return () -> whole(downloads.download(command));
    }

    /** The object a signed URL's grant names; the grant, not a caller, authorises the read. */
    static ImageSource granted(DownloadSignedObject downloads, DownloadGrant grant, BucketId bucketId,
                               ObjectName name) {
        DownloadSignedObject.Command command = new DownloadSignedObject.Command(grant, bucketId, name,
                Optional.empty(), Optional.empty(), Optional.empty());
        return () -> whole(downloads.download(command));
    }

    private static DownloadObject.Download.Content whole(DownloadObject.Download download) {
        return switch (download) {
            case DownloadObject.Download.Content content -> content;
            case DownloadObject.Download.NotModified notModified ->
                    throw new IllegalStateException("a download without validators is never answered 304");
        };
    }
}
