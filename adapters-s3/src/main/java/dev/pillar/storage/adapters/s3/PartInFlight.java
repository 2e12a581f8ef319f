package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.domain.failure.Unavailable;

import java.util.function.Supplier;

/**
 * One part of a streamed upload being sent to S3 on a virtual thread of its own, so that the request's
 * thread reads the next part from the client meanwhile: receiving and sending overlap instead of taking
 * turns. Its buffer is the sender's until the part has ended, {@link #etag() sent} or {@link #cancel()
 * cancelled}.
 */
final class PartInFlight {
    private final Thread sender;
    private volatile String etag;
    private volatile Throwable failure;

    private PartInFlight(Supplier<String> send) {
        this.sender = Thread.ofVirtual().name("pillar-storage-s3-part").start(() -> {
            try {
                etag = send.get();
            } catch (RuntimeException | Error e) {
                failure = e; // handed to the request's thread by etag()
            }
        });
    }

    /** Starts {@code send}, which stores the part and returns its ETag. */
    static PartInFlight start(Supplier<String> send) {
        return new PartInFlight(send);
    }

    /** Whether the part has failed already: reading the next one is then wasted. */
    boolean failed() {
        return failure != null;
    }

    /** Waits for the part to be stored and returns its ETag; its failure, S3's, is thrown here unchanged. */
    String etag() {
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(Unavailable.Service.OBJECT_STORE, "Interrupted while sending a part", e);
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return etag;
    }

    /**
     * Stops the part (the SDK gives up a call whose thread is interrupted) and waits until its thread has
     * ended, so that the upload is aborted after its last part, not beside it, and the buffer is free.
     */
    void cancel() {
        sender.interrupt();
        boolean interrupted = false;
        while (sender.isAlive()) {
            try {
                sender.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
