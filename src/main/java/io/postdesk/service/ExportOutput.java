package io.postdesk.service;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The temporary file of an export while it is written. Bytes go into a direct buffer of
 * {@link #BUFFER} bytes and from there straight to the file's channel (one copy, one write(2) per
 * buffer, where a BufferedOutputStream over Files.newOutputStream copied twice and wrote every 64 KiB).
 *
 * <p>The file must be on disk before it replaces its target (a crash must never leave a half-written
 * file under the target's name). Forcing 1.26 GB only at the end made the export wait for the whole
 * file to reach the disk after the last row (seconds on a plain disk). So while rows still arrive, a
 * thread of its own forces what has been written so far every {@code syncEvery} bytes (one force at a
 * time; the next waits for the next step), and {@link #finish} forces only what is left.
 */
final class ExportOutput implements AutoCloseable {
    static final int BUFFER = 1 << 20;
    /** Force to disk in the background every this many bytes: 64 MiB, about half a second of a COPY. */
    static final long SYNC_EVERY = 64L << 20;
    /** Bytes between background forces; 0 forces only at the end (the benchmark compares the two). */
    static final String SYNC_EVERY_PROPERTY = "postdesk.export.syncEvery";

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    private final long syncEvery;
    private ExecutorService syncer;
    private CompletableFuture<Void> syncing = CompletableFuture.completedFuture(null);
    private long written;
    private long nextSync;
    private int backgroundForces;

    private ExportOutput(FileChannel channel, long syncEvery) {
        this.channel = channel;
        this.syncEvery = syncEvery;
        this.nextSync = syncEvery;
    }

    /** Opens the (existing, empty) temporary file for writing. */
    static ExportOutput open(Path temporary) throws IOException {
        return open(temporary, configuredSyncEvery());
    }

    static ExportOutput open(Path temporary, long syncEvery) throws IOException {
        return new ExportOutput(FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                syncEvery);
    }

    static long configuredSyncEvery() {
        String value = System.getProperty(SYNC_EVERY_PROPERTY);
        if (value == null || value.isBlank()) {
            return SYNC_EVERY;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return SYNC_EVERY;
        }
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int chunk = Math.min(length, buffer.remaining());
            buffer.put(bytes, offset, chunk);
            offset += chunk;
            length -= chunk;
        }
    }

    void write(byte b) throws IOException {
        if (!buffer.hasRemaining()) {
            drain();
        }
        buffer.put(b);
    }

    /** How many bytes have been handed to {@link #write} so far. */
    long size() {
        return written + buffer.position();
    }

    /** How many forces were started while writing (for tests). */
    int backgroundForces() {
        return backgroundForces;
    }

    /** Everything written reaches the file and the disk; returns when the file is durable. */
    void finish() throws IOException {
        drain();
        awaitSync();
        channel.force(true);
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            written += channel.write(buffer);
        }
        buffer.clear();
        if (syncEvery > 0 && written >= nextSync && syncing.isDone()) {
            rethrowSyncFailure();
            nextSync = written + syncEvery;
            backgroundForces++;
            syncing = CompletableFuture.runAsync(this::forceData, syncer());
        }
    }

    private void forceData() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ExecutorService syncer() {
        if (syncer == null) {
            syncer = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "postdesk-export-sync");
                thread.setDaemon(true);
                return thread;
            });
        }
        return syncer;
    }

    private void awaitSync() throws IOException {
        try {
            syncing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the export was written to disk");
        } catch (ExecutionException e) {
            throw syncFailure(e.getCause());
        }
    }

    private void rethrowSyncFailure() throws IOException {
        if (syncing.isCompletedExceptionally()) {
            awaitSync();
        }
    }

    private static IOException syncFailure(Throwable cause) {
        if (cause instanceof java.io.UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        return new IOException(cause);
    }

    /**
     * Closes the file. After {@link #finish} nothing is left to wait for. After a failure or a
     * cancel a background force may still be under way (closing the channel would wait for it,
     * fsync cannot be interrupted): the sync thread closes the file when its force ends, so a cancel
     * returns at once and the caller can delete the file meanwhile (its name goes now, its blocks
     * when it is closed).
     */
    @Override
    public void close() throws IOException {
        if (syncer == null) {
            channel.close();
            return;
        }
        if (syncing.isDone()) {
            channel.close();
        } else {
            syncer.execute(() -> {
                try {
                    channel.close();
                } catch (IOException e) {
                    // the file is being deleted; nothing to keep
                }
            });
        }
        syncer.shutdown();
    }
}
