package dev.pillar.storage.adapters.filesystem;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.MultipartStoreContract;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FilesystemMultipartStoreTest extends MultipartStoreContract {
    @TempDir
    Path root;
    private FilesystemObjectStore store;

    @BeforeEach
    void open() {
        store = new FilesystemObjectStore(root);
    }

    @Override
    protected MultipartStore multipart() {
        return store;
    }

    @Override
    protected ObjectStore objects() {
        return store;
    }

    @Test
    void a_part_is_tagged_with_the_md5_of_its_bytes() throws NoSuchAlgorithmException {
        BlobKey key = new BlobKey("proj", BucketId.of("b"), ObjectName.of("tagged.bin"), "v1");
        byte[] bytes = new byte[(int) MultipartStore.MIN_PART_SIZE + 4321];
        new Random(21).nextBytes(bytes);
        String upload = store.begin(key, BlobAttributes.DEFAULT);

        UploadedPart part = store.putPart(key, upload, 1, new ByteArrayInputStream(bytes), bytes.length);

        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)), part.etag());
    }
}
