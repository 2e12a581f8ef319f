package dev.pillar.storage.bootstrap;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded executor background work (emptying buckets) runs on: a few threads and a short queue, so a
 * burst of requests cannot pile up unbounded work; what does not fit is refused and the use case does it
 * in the request instead. Closing lets running tasks finish for a moment, then interrupts them.
 */
final class BackgroundWork implements Executor, AutoCloseable {
    private static final int THREADS = 2;
    private static final int QUEUE = 64;
    private static final System.Logger LOG = System.getLogger(BackgroundWork.class.getName());
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), Thread.ofVirtual().name("pillar-storage-background-", 0).factory(),
            new ThreadPoolExecutor.AbortPolicy());

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "event=background_work_interrupted pending={0}",
                        pool.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
