package dev.pillar.storage.adapters.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Answers whether the store can take writes right now by creating and deleting a file in the
 * staging directory, giving up after a timeout: a hung disk or network mount must not hang the
 * health check. At most one probe runs at a time, so a hung one is not joined by more.
 */
final class HealthProbe {
    private final Path root;
    private final Path staging;
    private final Duration timeout;
    private final AtomicReference<CompletableFuture<Boolean>> current = new AtomicReference<>();

    HealthProbe(Path root, Path staging, Duration timeout) {
        this.root = root;
        this.staging = staging;
        this.timeout = timeout;
    }

    boolean isHealthy() {
        try {
            return probe().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The probe in flight, or a new one when the last has finished. */
    private CompletableFuture<Boolean> probe() {
        CompletableFuture<Boolean> running = current.get();
        if (running != null && !running.isDone()) {
            return running;
        }
        CompletableFuture<Boolean> fresh = new CompletableFuture<>();
        if (!current.compareAndSet(running, fresh)) {
            return current.get();
        }
        Thread.ofVirtual().name("filesystem-health-probe").start(() -> {
            try {
                fresh.complete(canWrite());
            } catch (RuntimeException e) {
                fresh.completeExceptionally(e);
            }
        });
        return fresh;
    }

    private boolean canWrite() {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try {
            Files.delete(Files.createTempFile(staging, "health-", ".probe"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
