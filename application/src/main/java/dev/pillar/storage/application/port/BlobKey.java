package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;

import java.util.Objects;

/**
 * Where one version of an object lives in the store: {@code {projectRef}/{bucket}/{name}/{version}}.
 * Every version has its own key, so writing a new one never disturbs readers of the old one.
 */
public record BlobKey(String projectRef, BucketId bucketId, ObjectName name, String version) {
    public BlobKey {
        Objects.requireNonNull(projectRef, "projectRef");
        Objects.requireNonNull(bucketId, "bucketId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (projectRef.isEmpty() || projectRef.contains("/") || version.isEmpty() || version.contains("/")) {
            throw new IllegalArgumentException("bad key parts");
        }
    }

    /** The key as one {@code /}-separated path. */
    public String path() {
        return projectRef + "/" + bucketId.value() + "/" + name.value() + "/" + version;
    }

    @Override
    public String toString() {
        return path();
    }
}
