package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.MultipartStoreContract;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.ObjectStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The same contracts against the MinIO the self-hosted deployment runs, where a Docker engine is
 * available; without one JUnit reports these tests as skipped ("Docker is not available").
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioContractTest {
    static final String IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";
    @Container
    static final MinIOContainer MINIO = new MinIOContainer(IMAGE);

    static S3ObjectStore openStore() {
        return S3ObjectStore.open(new S3Settings(Optional.of(URI.create(MINIO.getS3URL())), "us-east-1",
                S3ProxyServer.newBucketName(), Optional.of(new S3Settings.Credentials(MINIO.getUserName(),
                MINIO.getPassword())), true, true, S3Settings.MIN_PART_SIZE, 16, Duration.ofSeconds(2)));
    }

    @Nested
    class Objects extends ObjectStoreContract {
        private S3ObjectStore store;

        @BeforeEach
        void open() {
            store = openStore();
        }

        @AfterEach
        void close() {
            store.close();
        }

        @Override
        protected ObjectStore store() {
            return store;
        }

        /** MinIO answers XMinioParentIsObject: {@code a/v1} cannot be an object and a prefix of one. */
        @Override
        protected boolean keepsABlobBesideAFolderOfTheSameName() {
            return false;
        }
    }

    @Nested
    class Multipart extends MultipartStoreContract {
        private S3ObjectStore store;

        @BeforeEach
        void open() {
            store = openStore();
        }

        @AfterEach
        void close() {
            store.close();
        }

        @Override
        protected MultipartStore multipart() {
            return store;
        }

        @Override
        protected ObjectStore objects() {
            return store;
        }
    }
}
