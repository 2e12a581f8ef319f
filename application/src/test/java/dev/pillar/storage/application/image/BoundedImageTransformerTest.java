package dev.pillar.storage.application.image;

import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.ImageTransformer;
import dev.pillar.storage.application.port.TransformedImage;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.failure.UnprocessableImage;
import dev.pillar.storage.domain.image.Transformation;
import dev.pillar.storage.domain.object.MimeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pool's limits, made deterministic by a transformer that holds every worker until the test lets go. */
class BoundedImageTransformerTest {
    private static final Transformation ANY = Transformation.parse(name -> Optional.empty());
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final HeldTransformer held = new HeldTransformer();

    @AfterEach
    void releaseEverything() {
        held.release.countDown();
        callers.shutdownNow();
    }

    @Test
    void returns_what_the_delegate_produced() {
        held.release.countDown();
        try (BoundedImageTransformer pool = new BoundedImageTransformer(held, 1, 0)) {
            assertEquals("image/png", pool.transform(source(), ANY).mimeType().value());
        }
    }

    @Test
    void a_typed_failure_of_the_delegate_reaches_the_caller_unchanged() {
        UnprocessableImage corrupt = UnprocessableImage.corrupt(null);
        try (BoundedImageTransformer pool = new BoundedImageTransformer((source, t) -> {
            throw corrupt;
        }, 1, 0)) {
            assertSame(corrupt, assertThrows(UnprocessableImage.class, () -> pool.transform(source(), ANY)));
        }
    }

    @Test
    void with_every_worker_busy_and_no_queue_the_next_request_is_refused_at_once() throws Exception {
        try (BoundedImageTransformer pool = new BoundedImageTransformer(held, 2, 0)) {
            List<CompletableFuture<TransformedImage>> busy = List.of(call(pool), call(pool));
            held.started(2);

            Unavailable refused = assertThrows(Unavailable.class, () -> pool.transform(source(), ANY));

            assertEquals(Unavailable.Service.IMAGE_TRANSFORMER, refused.service());
            assertEquals("Too many image transformations in progress; try again shortly", refused.getMessage());
            held.release.countDown();
            for (CompletableFuture<TransformedImage> call : busy) {
                assertEquals("image/png", call.get(30, TimeUnit.SECONDS).mimeType().value());
            }
        }
    }

    @Test
    void a_full_queue_refuses_the_overflow_while_the_queued_request_waits_its_turn() throws Exception {
        try (BoundedImageTransformer pool = new BoundedImageTransformer(held, 1, 1)) {
            CompletableFuture<TransformedImage> running = call(pool);
            held.started(1);
            CompletableFuture<TransformedImage> second = call(pool);
            CompletableFuture<TransformedImage> third = call(pool);

            // One of the two finds the single queue slot taken and is refused while the worker is still held.
            CompletableFuture.anyOf(second, third).handle((value, failure) -> null).get(30, TimeUnit.SECONDS);
            assertEquals(1, pool.queueDepth());
            assertEquals(1, pool.inProgress());
            assertEquals(1, pool.rejections());
            held.release.countDown();

            List<Optional<Throwable>> outcomes = List.of(outcome(second), outcome(third));
            assertEquals(1, outcomes.stream().filter(failure -> failure.orElse(null) instanceof Unavailable).count());
            assertEquals(1, outcomes.stream().filter(Optional::isEmpty).count());
            assertEquals("image/png", running.get(30, TimeUnit.SECONDS).mimeType().value());
        }
    }

    @Test
    void never_runs_more_transformations_at_once_than_it_has_workers() throws Exception {
        try (BoundedImageTransformer pool = new BoundedImageTransformer(held, 2, 10)) {
            List<CompletableFuture<TransformedImage>> calls = List.of(call(pool), call(pool), call(pool),
                    call(pool), call(pool), call(pool));
            held.started(2);

            assertEquals(2, held.running.get());
            held.release.countDown();
            for (CompletableFuture<TransformedImage> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
            assertEquals(2, held.mostAtOnce.get());
        }
    }

    private CompletableFuture<TransformedImage> call(BoundedImageTransformer pool) {
        return CompletableFuture.supplyAsync(() -> pool.transform(source(), ANY), callers);
    }

    /** How a call ended: empty when it produced an image, else its failure. */
    private static Optional<Throwable> outcome(CompletableFuture<TransformedImage> call) throws InterruptedException {
        try {
            call.get(30, TimeUnit.SECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause() instanceof CompletionException wrapped ? wrapped.getCause() : e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the queued call never finished", e);
        }
    }

    private static InputStream source() {
        return new ByteArrayInputStream(new byte[]{42});
    }

    /** Blocks every transformation until {@link #release} opens, counting how many run at once. */
    private static final class HeldTransformer implements ImageTransformer {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        private final AtomicInteger startedCount = new AtomicInteger();
        private final Object monitor = new Object();

        @Override
        public TransformedImage transform(InputStream source, Transformation transformation) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            synchronized (monitor) {
                startedCount.incrementAndGet();
                monitor.notifyAll();
            }
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            byte[] bytes = {1};
            return new TransformedImage(MimeType.of("image/png"), new BlobContent(new ByteArrayInputStream(bytes), 1));
        }

        /** Waits until at least {@code count} transformations are inside the held section. */
        void started(int count) throws InterruptedException {
            synchronized (monitor) {
                while (startedCount.get() < count) {
                    monitor.wait();
                }
            }
        }
    }
}
