package dev.pillar.storage.bootstrap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The console (stdout) handler of {@code logging.properties}: JSON lines ({@link JsonLogFormatter}) gathered in a
 * bounded buffer and written in batches, instead of one write and flush per line. A daemon flusher writes what
 * is buffered at most {@value #FLUSH_MILLIS} ms after the first line of a batch; a full buffer is written at once
 * by the caller, which waits for the write (so a stalled stdout slows requests down instead of losing lines or
 * growing without bound); a warning or error is written at once with everything before it; {@link #close()}
 * (the log manager's shutdown hook) writes the rest. Only a SIGKILL or a crash can lose the last moment's lines.
 */
public final class BufferedConsoleHandler extends Handler {
    static final int FLUSH_MILLIS = 100;
    static final int BUFFER_BYTES = 64 * 1024;
    private final OutputStream out;
    private final long flushNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition pending = lock.newCondition();
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int used;
    private boolean closed;

    /** What {@code logging.properties} instantiates: stdout, flushed every {@value #FLUSH_MILLIS} ms. */
    public BufferedConsoleHandler() {
        this(System.out, Duration.ofMillis(FLUSH_MILLIS));
    }

    BufferedConsoleHandler(OutputStream out, Duration flushInterval) {
        this.out = out;
        this.flushNanos = flushInterval.toNanos();
        setFormatter(new JsonLogFormatter());
        setLevel(Level.ALL);
        Thread flusher = new Thread(this::flushWhileOpen, "log-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] line;
        try {
            line = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            reportError("cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        boolean urgent = record.getLevel().intValue() >= Level.WARNING.intValue();
        lock.lock();
        try {
            if (used + line.length > buffer.length) {
                write();
            }
            if (line.length > buffer.length) {
                writeOut(line, line.length);
            } else {
                System.arraycopy(line, 0, buffer, used, line.length);
                used += line.length;
            }
            if (urgent || closed) {
                write();
            } else if (used == line.length) {
                pending.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        lock.lock();
        try {
            write();
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is buffered and stops the flusher; lines published afterwards are written at once. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            pending.signal();
            write();
        } finally {
            lock.unlock();
        }
    }

    /** The flusher: sleeps until a batch starts, gives it the interval to fill, then writes it. */
    private void flushWhileOpen() {
        lock.lock();
        try {
            while (!closed) {
                if (used == 0) {
                    pending.awaitUninterruptibly();
                    continue;
                }
                long wait = flushNanos;
                while (wait > 0 && !closed && used > 0) {
                    wait = pending.awaitNanos(wait);
                }
                write();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the buffer to the stream, flushed. */
    private void write() {
        if (used > 0) {
            writeOut(buffer, used);
            used = 0;
        }
    }

    private void writeOut(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
            out.flush();
        } catch (IOException e) {
            reportError("cannot write log lines", e, ErrorManager.WRITE_FAILURE);
        }
    }
}
