package io.postdesk.ui.common;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What PostDesk remembers across restarts (window, dividers, page sizes, last view, columns),
 * in {@code ui-state.properties} in the data folder. A small local file, read once at start and
 * written once at exit; a broken or missing file just means defaults.
 */
public final class UiState {
    private static final Logger log = LoggerFactory.getLogger(UiState.class);

    private final Path file;
    private final Properties values = new Properties();

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
        values.setProperty(key, value);
    }

    public void put(String key, double value) {
        values.setProperty(key, Double.toString(value));
    }

    /** Writes to a temporary file and moves it into place, so a crash never leaves half a file. */
    public void save() {
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
