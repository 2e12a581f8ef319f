package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.filesystem.FilesystemObjectStore;
import dev.pillar.storage.adapters.http.HttpSettings;
import dev.pillar.storage.adapters.http.StorageHttpServer;
import dev.pillar.storage.adapters.http.UseCases;
import dev.pillar.storage.adapters.http.render.ThumbnailatorImageTransformer;
import dev.pillar.storage.adapters.postgres.PostgresMetadataStore;
import dev.pillar.storage.adapters.postgres.PostgresSettings;
import dev.pillar.storage.adapters.s3.S3ObjectStore;
import dev.pillar.storage.application.StorageSettings;
import dev.pillar.storage.application.bucket.CreateBucket;
import dev.pillar.storage.application.bucket.DeleteBucket;
import dev.pillar.storage.application.bucket.EmptyBucket;
import dev.pillar.storage.application.bucket.GetBucket;
import dev.pillar.storage.application.bucket.ListBuckets;
import dev.pillar.storage.application.bucket.UpdateBucket;
import dev.pillar.storage.application.health.CheckHealth;
import dev.pillar.storage.application.image.BoundedImageTransformer;
import dev.pillar.storage.application.image.TransformImage;
import dev.pillar.storage.application.metrics.MeteredObjectStore;
import dev.pillar.storage.application.metrics.Metrics;
import dev.pillar.storage.application.object.BlobCleaner;
import dev.pillar.storage.application.object.BucketRules;
import dev.pillar.storage.application.object.CopyObject;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.application.object.GetObjectInfo;
import dev.pillar.storage.application.object.ListObjectPage;
import dev.pillar.storage.application.object.ListObjects;
import dev.pillar.storage.application.object.MoveObject;
import dev.pillar.storage.application.object.RemoveObjects;
import dev.pillar.storage.application.object.UploadObject;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.IdGenerator;
import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.reconcile.ReconcileResult;
import dev.pillar.storage.application.reconcile.ReconcileStorage;
import dev.pillar.storage.application.signed.CreateSignedUploadUrl;
import dev.pillar.storage.application.signed.CreateSignedUrl;
import dev.pillar.storage.application.signed.CreateSignedUrls;
import dev.pillar.storage.application.signed.DownloadSignedObject;
import dev.pillar.storage.application.signed.UploadToSignedUrl;
import dev.pillar.storage.application.upload.CreateResumableUpload;
import dev.pillar.storage.application.upload.GetUploadStatus;
import dev.pillar.storage.application.upload.ReceiveUploadChunk;
import dev.pillar.storage.application.upload.SweepExpiredUploads;
import dev.pillar.storage.application.upload.TerminateUpload;
import dev.pillar.storage.application.upload.UploadPorts;
import dev.pillar.storage.domain.image.ImageLimits;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A running server: the adapters, wired into the use cases, behind the HTTP server. */
public final class StorageServer implements AutoCloseable {
    private final ObjectStore store;
    private final PostgresMetadataStore metadata;
    private final BackgroundWork background;
    private final BoundedImageTransformer images;
    private final SweepExpiredUploads sweep;
    private final UploadSweeper sweeper;
    private final Optional<PeriodicReconciler> reconciler;
    private final StorageHttpServer http;

    private StorageServer(ObjectStore store, PostgresMetadataStore metadata, BackgroundWork background,
                          BoundedImageTransformer images, SweepExpiredUploads sweep,
                          Optional<PeriodicReconciler> reconciler, StorageHttpServer http) {
        this.store = store;
        this.metadata = metadata;
        this.background = background;
        this.images = images;
        this.sweep = sweep;
        this.sweeper = new UploadSweeper(sweep);
        this.reconciler = reconciler;
        this.http = http;
    }

    /** Opens the object store, connects to the database (running its migrations) and starts serving. */
    public static StorageServer start(ServerConfig config, String jwtSecret) {
        Metrics metrics = new Metrics();
        ObjectStore backend = objectStore(config);
        MeteredObjectStore store = new MeteredObjectStore(backend, metrics);
        PostgresMetadataStore metadata;
        try {
            PostgresSettings database = PostgresSettings.fromDatabaseUrl(config.databaseUrl())
                    .withMaxPoolSize(config.databasePoolSize())
                    .withConnectionTimeout(config.databaseConnectionTimeout())
                    .withStatementTimeout(config.databaseStatementTimeout());
            metadata = PostgresMetadataStore.connect(database);
        } catch (RuntimeException e) {
            closeStore(backend);
            throw e;
        }
        BackgroundWork background = new BackgroundWork();
        ServerConfig.ImageTransformation imaging = config.imageTransformation();
        ImageLimits limits = new ImageLimits(imaging.maxSourceSize(), imaging.maxPixels());
        BoundedImageTransformer images = new BoundedImageTransformer(new ThumbnailatorImageTransformer(limits),
                imaging.concurrency(), imaging.queue());
        ServerMetrics.observe(metrics, metadata, images);
        try {
            Optional<TransformImage> transformImage = imaging.enabled()
                    ? Optional.of(new TransformImage(images, limits)) : Optional.empty();
            UploadPorts uploads = uploadPorts(config, metadata, store, store.multipart(multipartStore(backend)));
            UseCases useCases = useCases(config, metadata, store, background, transformImage, uploads);
            StorageHttpServer http = StorageHttpServer.start(
                    new HttpSettings(config.host(), config.port(), jwtSecret, config.errorStatusMode(), config.cors(),
                            config.readTimeout()),
                    useCases, metrics);
            ServerConfig.Reconciliation reconciliation = config.reconciliation();
            Optional<PeriodicReconciler> reconciler = reconciliation.periodic()
                    ? Optional.of(new PeriodicReconciler(reconcileStorage(config, store, metadata),
                    reconciliation.interval()))
                    : Optional.empty();
            return new StorageServer(backend, metadata, background, images, new SweepExpiredUploads(uploads),
                    reconciler, http);
        } catch (RuntimeException e) {
            background.close();
            images.close();
            metadata.close();
            closeStore(backend);
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /**
     * The {@code reconcile} command: opens the store and the database as the server would, reconciles them once
     * and closes them again.
     */
    static ReconcileResult reconcileOnce(ServerConfig config, boolean dryRun) {
        ObjectStore store = objectStore(config);
        try (PostgresMetadataStore metadata = PostgresMetadataStore.connect(
                PostgresSettings.fromDatabaseUrl(config.databaseUrl()).withMaxPoolSize(2))) {
            return reconcileStorage(config, store, metadata).reconcile(dryRun);
        } finally {
            closeStore(store);
        }
    }

    private static ReconcileStorage reconcileStorage(ServerConfig config, ObjectStore store,
                                                     PostgresMetadataStore metadata) {
        return new ReconcileStorage(store, metadata.blobReferences(), settings(config), Instant::now,
                config.reconciliation().gracePeriod());
    }

    /** Sweeps the expired resumable uploads now, as the periodic sweep does; returns how many went. */
    int sweepExpiredUploads() {
        return sweep.sweep();
    }

    @Override
    public void close() {
        reconciler.ifPresent(PeriodicReconciler::close);
        sweeper.close();
        http.close();
        background.close();
        images.close();
        metadata.close();
        closeStore(store);
    }

    private static ObjectStore objectStore(ServerConfig config) {
        return switch (config.backend()) {
            case FILE -> new FilesystemObjectStore(config.fileStoragePath());
            case S3 -> S3ObjectStore.open(config.s3().orElseThrow());
        };
    }

    /** Both backends keep multipart uploads (resumable uploads' parts) beside whole blobs; give the unwrapped one. */
    private static MultipartStore multipartStore(ObjectStore store) {
        return switch (store) {
            case FilesystemObjectStore files -> files;
            case S3ObjectStore s3 -> s3;
            default -> throw new IllegalStateException("no multipart uploads on " + store.getClass().getName());
        };
    }

    /** The S3 store holds an HTTP client and its connections; the filesystem store holds nothing. */
    private static void closeStore(ObjectStore store) {
        if (store instanceof S3ObjectStore s3) {
            s3.close();
        }
    }

    private static UploadPorts uploadPorts(ServerConfig config, PostgresMetadataStore metadata, ObjectStore store,
                                           MultipartStore parts) {
        StorageSettings settings = settings(config);
        return new UploadPorts(metadata, store, parts, metadata.uploadSessions(),
                new BlobCleaner(store, settings), settings, UUID::randomUUID, Instant::now);
    }

    private static StorageSettings settings(ServerConfig config) {
        return new StorageSettings(config.projectRef(), config.fileSizeLimit());
    }

    private static UseCases useCases(ServerConfig config, PostgresMetadataStore metadata, ObjectStore store,
                                     BackgroundWork background, Optional<TransformImage> transformImage,
                                     UploadPorts uploads) {
        StorageSettings settings = settings(config);
        Clock clock = Instant::now;
        IdGenerator ids = UUID::randomUUID;
        BlobCleaner cleaner = new BlobCleaner(store, settings);
        BucketRules buckets = new BucketRules(metadata, clock);
        UploadObject uploadObject = new UploadObject(metadata, buckets, store, cleaner, settings, ids, clock);
        DownloadObject downloadObject = new DownloadObject(metadata, buckets, store, cleaner);
        return new UseCases(
                new CreateBucket(metadata, buckets, clock),
                new ListBuckets(metadata),
                new GetBucket(metadata),
                new UpdateBucket(metadata, buckets, clock),
                new DeleteBucket(metadata, buckets),
                new EmptyBucket(metadata, cleaner, background),
                uploadObject,
                downloadObject,
                new RemoveObjects(metadata, cleaner),
                new ListObjects(metadata),
                new GetObjectInfo(metadata, buckets),
                new ListObjectPage(metadata),
                new CopyObject(metadata, buckets, store, cleaner, settings, ids, clock),
                new MoveObject(metadata, buckets, store, cleaner, settings, ids, clock),
                new CheckHealth(metadata, store),
                new CreateSignedUrl(metadata, clock),
                new CreateSignedUrls(metadata, clock),
                new DownloadSignedObject(downloadObject, clock),
                new CreateSignedUploadUrl(metadata, ids, clock),
                new UploadToSignedUrl(uploadObject, clock),
                transformImage,
                new CreateResumableUpload(uploads, config.uploadExpiry()),
                new ReceiveUploadChunk(uploads),
                new GetUploadStatus(uploads),
                new TerminateUpload(uploads));
    }
}
