package dev.pillar.storage.application.object;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory queue of writers of one object: one at a time per name, never across names. */
class RowWriteQueueTest {
    private static final BucketId BUCKET = new BucketId("queue");

    @Test
    void writers_of_one_name_run_one_at_a_time() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> writers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                int writer = i;
                writers.add(threads.submit(() -> {
                    go.await();
                    return RowWriteQueue.exclusively(BUCKET, ObjectName.of("hot.bin"), () -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.yield();
                        inside.decrementAndGet();
                        return writer;
                    });
                }));
            }
            go.countDown();
            for (int i = 0; i < writers.size(); i++) {
                assertEquals(i, writers.get(i).get(), "each writer gets its own result back");
            }
        }
        assertEquals(1, most.get());
    }

    @Test
    void a_writer_of_another_name_does_not_wait() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> holder = threads.submit(() -> RowWriteQueue.exclusively(BUCKET, ObjectName.of("a.bin"), () -> {
                holding.countDown();
                return await(release);
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));

            Future<String> other = threads.submit(() -> RowWriteQueue.exclusively(BUCKET, ObjectName.of("b.bin"),
                    () -> "done"));

            assertEquals("done", other.get(10, TimeUnit.SECONDS));
            release.countDown();
            holder.get();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
