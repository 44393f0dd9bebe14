package io.postdesk.model;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the start went: named phases in milliseconds since the JVM started, recorded by the
 * threads that run them (some run side by side). When the first page is on screen the window
 * calls {@link #finish}, and the listeners get the whole record once (the log, the UI probe).
 *
 * <p>{@link #toString()} is {@code name=12 other=30..250 ...}: a point in time or a span
 * {@code start..end}, in the order the phases started.
 */
public final class StartupTimes {
    private final long jvmStartMillis;
    private final Map<String, long[]> phases = new LinkedHashMap<>();
    private final List<Consumer<StartupTimes>> listeners = new ArrayList<>();
    private boolean finished;

    public StartupTimes(long jvmStartMillis) {
        this.jvmStartMillis = jvmStartMillis;
    }

    /** Counting from the JVM's own start time, so class loading and toolkit start count too. */
    public static StartupTimes sinceJvmStart() {
        return new StartupTimes(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** Milliseconds since the JVM started. */
    public long now() {
        return System.currentTimeMillis() - jvmStartMillis;
    }

    /** A moment, such as "ready". */
    public synchronized void mark(String phase) {
        long at = now();
        phases.put(phase, new long[] {at, at, 0});
    }

    /** A phase that began at {@code start} (from {@link #now()}) and ends now. */
    public synchronized void span(String phase, long start) {
        phases.put(phase, new long[] {start, now(), 1});
    }

    public <T> T time(String phase, Supplier<T> work) {
        long start = now();
        try {
            return work.get();
        } finally {
            span(phase, start);
        }
    }

    public void time(String phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    /** The milliseconds since the JVM start at which {@code phase} ended, or -1 when it has not. */
    public synchronized long end(String phase) {
        long[] times = phases.get(phase);
        return times == null ? -1 : times[1];
    }

    /** Runs {@code listener} once the start is complete (at once when it already is). */
    public void whenFinished(Consumer<StartupTimes> listener) {
        boolean now;
        synchronized (this) {
            now = finished;
            if (!now) {
                listeners.add(listener);
            }
        }
        if (now) {
            listener.accept(this);
        }
    }

    /** The start is complete (the first page is painted); tells the listeners, once. */
    public void finish() {
        List<Consumer<StartupTimes>> toTell;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            toTell = List.copyOf(listeners);
            listeners.clear();
        }
        toTell.forEach(listener -> listener.accept(this));
    }

    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder();
        phases.entrySet().stream()
                .sorted(Map.Entry.comparingByValue((a, b) -> Long.compare(a[0], b[0])))
                .forEach(entry -> {
                    long[] times = entry.getValue();
                    if (!text.isEmpty()) {
                        text.append(' ');
                    }
                    text.append(entry.getKey()).append('=').append(times[0]);
                    if (times[2] == 1) {
                        text.append("..").append(times[1]);
                    }
                });
        return text.toString();
    }
}
