package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.postgres.PostgresMetadataStore;
import dev.pillar.storage.application.image.BoundedImageTransformer;
import dev.pillar.storage.application.metrics.Metrics;

import java.util.OptionalLong;

/**
 * The metrics read from the parts bootstrap holds: the database pool, the resumable uploads open in the database
 * (NaN while it does not answer) and the image transformation workers.
 */
final class ServerMetrics {
    private ServerMetrics() {
    }

    static void observe(Metrics metrics, PostgresMetadataStore metadata, BoundedImageTransformer images) {
        metrics.observed("storage_db_pool_connections_in_use", "Database connections lent out right now.",
                Metrics.Type.GAUGE, () -> metadata.poolUsage().inUse());
        metrics.observed("storage_db_pool_connections_idle", "Database connections idle in the pool.",
                Metrics.Type.GAUGE, () -> metadata.poolUsage().idle());
        metrics.observed("storage_db_pool_waiting", "Requests waiting for a database connection right now.",
                Metrics.Type.GAUGE, () -> metadata.poolUsage().waiting());
        metrics.observed("storage_db_pool_connections_max", "The pool's bound (DATABASE_POOL_SIZE).",
                Metrics.Type.GAUGE, () -> metadata.poolUsage().max());
        metrics.observed("storage_tus_uploads_open", "Resumable (tus) uploads created and not yet finished,"
                + " terminated or expired, on every instance.", Metrics.Type.GAUGE,
                () -> {
                    OptionalLong open = metadata.openUploadSessions();
                    return open.isPresent() ? open.getAsLong() : Double.NaN;
                });
        metrics.observed("storage_image_transform_queue_depth", "Image transformations waiting for a worker.",
                Metrics.Type.GAUGE, images::queueDepth);
        metrics.observed("storage_image_transform_in_progress", "Image transformations being worked on.",
                Metrics.Type.GAUGE, images::inProgress);
        metrics.observed("storage_image_transform_rejections_total",
                "Image transformations refused with 503 because the workers and their queue were full.",
                Metrics.Type.COUNTER, images::rejections);
    }
}
