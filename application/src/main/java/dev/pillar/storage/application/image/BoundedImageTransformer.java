package dev.pillar.storage.application.image;

import dev.pillar.storage.application.port.ImageTransformer;
import dev.pillar.storage.application.port.TransformedImage;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.image.Transformation;

import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs the CPU-bound pixel work on a fixed number of worker threads with a bounded waiting line. Requests
 * arrive on virtual threads without limit; without this, each would decode an image at once and the
 * machine would thrash. When every worker is busy and the line is full, the request is refused at once
 * with {@code Unavailable} (503) instead of piling up.
 */
public final class BoundedImageTransformer implements ImageTransformer, AutoCloseable {
    private final ImageTransformer delegate;
    private final ThreadPoolExecutor workers;
    private final LongAdder rejections = new LongAdder();

    public BoundedImageTransformer(ImageTransformer delegate, int concurrency, int queueCapacity) {
        if (concurrency < 1 || queueCapacity < 0) {
            throw new IllegalArgumentException("need at least one worker and a non-negative queue");
        }
        this.delegate = delegate;
        BlockingQueue<Runnable> queue = queueCapacity == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(queueCapacity);
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.SECONDS, queue, task -> {
            Thread thread = new Thread(task, "image-transform-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public TransformedImage transform(InputStream source, Transformation transformation) {
        Future<TransformedImage> result;
        try {
            result = workers.submit(() -> delegate.transform(source, transformation));
        } catch (RejectedExecutionException e) {
            rejections.increment();
            throw new Unavailable(Unavailable.Service.IMAGE_TRANSFORMER,
                    "Too many image transformations in progress; try again shortly", null);
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new Unavailable(Unavailable.Service.IMAGE_TRANSFORMER, "The image transformation was interrupted", e);
        }
    }

    /** Transformations waiting for a worker right now. */
    public int queueDepth() {
        return workers.getQueue().size();
    }

    /** Transformations being worked on right now. */
    public int inProgress() {
        return workers.getActiveCount();
    }

    /** Requests refused so far because every worker was busy and the line was full. */
    public long rejections() {
        return rejections.sum();
    }

    /** Stops the workers; transformations still running are interrupted. */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** The worker's failure, as thrown on the caller's thread (a typed failure stays typed). */
    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("image transformation failed", cause);
    }
}
