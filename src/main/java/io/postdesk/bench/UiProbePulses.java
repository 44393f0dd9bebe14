package io.postdesk.bench;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;

/**
 * Runs on every FX pulse (an {@link AnimationTimer} asks for one each frame, about every 17 ms),
 * so the time between two calls is how long the FX thread went without a pulse: anything much
 * over 17 ms means it was busy (or blocked). It also runs the probe's steps one after the other,
 * in the pulse: a step's action, then its condition checked on each pulse until it holds, then
 * {@link #SETTLE_PULSES} more pulses so the layout and paint of the result count for the step.
 * Each step's future completes with the longest gap seen while it ran. FX thread only, except
 * {@link #enqueue}.
 */
final class UiProbePulses extends AnimationTimer {
    /** Pulses after the condition holds: one lays the result out, the next starts once it went to the renderer. */
    static final int SETTLE_PULSES = 2;

    /** A step: its action runs in a pulse and returns the condition that says it is done. */
    record Step(String name, Supplier<BooleanSupplier> start) {
    }

    private record Queued(Step step, int settlePulses, CompletableFuture<Long> done) {
    }

    private final Queue<Queued> queue = new ArrayDeque<>();
    private long lastPulse;
    private Queued current;
    private BooleanSupplier condition;
    private long maxGapNanos;
    private int settleLeft = -1;
    private boolean failed;

    /** Adds a step; any thread. The future gets the step's longest pulse gap in milliseconds. */
    CompletableFuture<Long> enqueue(Step step) {
        return enqueue(step, SETTLE_PULSES);
    }

    CompletableFuture<Long> enqueue(Step step, int settlePulses) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        synchronized (queue) {
            queue.add(new Queued(step, settlePulses, done));
        }
        return done;
    }

    @Override
    public void handle(long frameTime) {
        long now = System.nanoTime();
        if (lastPulse != 0) {
            maxGapNanos = Math.max(maxGapNanos, now - lastPulse);
        }
        lastPulse = now;
        if (failed) {
            return;
        }
        try {
            advance();
        } catch (RuntimeException | Error e) {
            failed = true;
            current.done().completeExceptionally(e);
        }
    }

    private void advance() {
        if (current == null && !startNext()) {
            return;
        }
        if (settleLeft < 0 && condition.getAsBoolean()) {
            settleLeft = current.settlePulses();
        }
        if (settleLeft == 0) {
            Queued finished = current;
            current = null;
            finished.done().complete(Math.round(maxGapNanos / 1e6));
            startNext(); // the next step starts in this very pulse: no pulse goes unaccounted
        } else if (settleLeft > 0) {
            settleLeft--;
        }
    }

    private boolean startNext() {
        synchronized (queue) {
            current = queue.poll();
        }
        if (current == null) {
            return false;
        }
        maxGapNanos = 0;
        settleLeft = -1;
        condition = current.step().start().get();
        return true;
    }
}
