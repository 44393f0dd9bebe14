package io.postdesk.ui.common;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What PostDesk remembers across restarts (window, dividers, page sizes, last view, columns),
 * in {@code ui-state.properties} in the data folder. A small local file, read once at start; with
 * {@link #saveAfterChanges} it is written a moment after the last change (so a killed or crashed
 * PostDesk keeps it too), always atomically. A broken or missing file just means defaults.
 */
public final class UiState {
    private static final Logger log = LoggerFactory.getLogger(UiState.class);

    private final Path file;
    private final Properties values = new Properties();
    private ScheduledExecutorService saver;
    private ScheduledFuture<?> pendingSave;
    private Duration quiet;

    private UiState(Path file) {
        this.file = file;
    }

    public static UiState load(Path dataFolder) {
        UiState state = new UiState(dataFolder.resolve("ui-state.properties"));
        if (Files.isRegularFile(state.file)) {
            try (Reader reader = Files.newBufferedReader(state.file, StandardCharsets.UTF_8)) {
                state.values.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Ignoring unreadable {}", state.file, e);
            }
        }
        return state;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    public Optional<Double> getDouble(String key) {
        return get(key).flatMap(text -> {
            try {
                return Optional.of(Double.parseDouble(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public void put(String key, String value) {
        Object old = values.setProperty(key, value);
        if (!value.equals(old)) {
            changed();
        }
    }

    public void put(String key, double value) {
        put(key, Double.toString(value));
    }

    /**
     * From now on, writes the file {@code quiet} after the last change: a column dragged across the
     * screen is one write, not hundreds. The write runs on a daemon thread of its own, never on the
     * FX thread. {@link #close} stops it and writes what is left.
     */
    public synchronized void saveAfterChanges(Duration quiet) {
        this.quiet = quiet;
        if (saver == null) {
            saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "postdesk-ui-state");
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    private synchronized void changed() {
        if (saver == null) {
            return;
        }
        if (pendingSave != null) {
            pendingSave.cancel(false);
        }
        pendingSave = saver.schedule(this::save, quiet.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the delayed writes and writes now (at exit). */
    public void close() {
        synchronized (this) {
            if (saver != null) {
                saver.shutdownNow();
                saver = null;
            }
        }
        save();
    }

    /** Writes to a temporary file and moves it into place, so a crash never leaves half a file. */
    public synchronized void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                values.store(writer, "PostDesk window state");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("Could not save {}", file, e);
        }
    }
}
