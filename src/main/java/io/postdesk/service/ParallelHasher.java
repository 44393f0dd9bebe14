package io.postdesk.service;

import io.postdesk.model.Cancellation;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes the passwords of imported users on every core while keeping file order: at most a few
 * lines per core are in flight, and each is handed on, hashed, in the order it was added. Lines
 * that bring their own hash pass straight through.
 */
final class ParallelHasher implements AutoCloseable {
    interface Sink {
        void accept(UserLines.Line line, String hash);
    }

    private record InFlight(UserLines.Line line, Future<String> hash) {
    }

    private final PasswordHasher hasher;
    private final Cancellation cancellation;
    private final ExecutorService executor;
    private final int limit;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();

    ParallelHasher(PasswordHasher hasher, Cancellation cancellation) {
        this.hasher = hasher;
        this.cancellation = cancellation;
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "postdesk-import-hash-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.limit = 4 * threads;
    }

    void add(UserLines.Line line, Sink sink) {
        Future<String> hash = line.hash() != null ? CompletableFuture.completedFuture(line.hash())
                : executor.submit(() -> hasher.hash(line.password()));
        inFlight.addLast(new InFlight(line, hash));
        while (inFlight.size() >= limit) {
            handOn(sink);
        }
    }

    void drain(Sink sink) {
        while (!inFlight.isEmpty()) {
            handOn(sink);
        }
    }

    private void handOn(Sink sink) {
        CsvImport.stopIfCancelled(cancellation);
        InFlight next = inFlight.removeFirst();
        try {
            sink.accept(next.line(), next.hash().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while hashing passwords", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
