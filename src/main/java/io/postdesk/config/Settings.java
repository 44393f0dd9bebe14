package io.postdesk.config;

import io.github.cdimascio.dotenv.Dotenv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Named settings from the process environment and a {@code .env} file in the working folder;
 * the environment wins. Values remember where they came from so messages can say so.
 */
public final class Settings {
    /** A value and where it came from ("the environment", ".env"). */
    public record Value(String text, String origin) {
    }

    private final Map<String, String> environment;
    private final Map<String, String> dotEnv;

    public Settings(Map<String, String> environment, Map<String, String> dotEnv) {
        this.environment = Map.copyOf(environment);
        this.dotEnv = Map.copyOf(dotEnv);
    }

    /** The real environment plus {@code .env} in the given folder, if there is one. */
    public static Settings load(Path workingFolder) {
        return new Settings(System.getenv(), readDotEnv(workingFolder));
    }

    /** Only the entries written in the file, not the environment dotenv-java would merge in. */
    static Map<String, String> readDotEnv(Path folder) {
        if (!Files.isRegularFile(folder.resolve(".env"))) {
            return Map.of();
        }
        Map<String, String> entries = new HashMap<>();
        Dotenv.configure().directory(folder.toString()).ignoreIfMalformed().load()
                .entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)
                .forEach(entry -> entries.put(entry.getKey(), entry.getValue()));
        return entries;
    }

    public Optional<Value> get(String name) {
        Objects.requireNonNull(name);
        String fromEnvironment = environment.get(name);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(new Value(fromEnvironment, name + " in the environment"));
        }
        String fromFile = dotEnv.get(name);
        if (fromFile != null && !fromFile.isBlank()) {
            return Optional.of(new Value(fromFile, name + " in .env"));
        }
        return Optional.empty();
    }

    /** A whole number setting within [min, max], or the default when it is not set. */
    public int getInt(String name, int defaultValue, int min, int max) {
        long value = getLong(name, defaultValue);
        if (value < min || value > max) {
            throw new ConfigurationException(name + " must be between " + min + " and " + max + ", not " + value + ".");
        }
        return (int) value;
    }

    /** A whole number setting, or the default when it is not set. */
    public long getLong(String name, long defaultValue) {
        return get(name).map(value -> {
            try {
                return Long.parseLong(value.text().strip());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(value.origin() + " must be a whole number, not '"
                        + value.text().strip() + "'.");
            }
        }).orElse(defaultValue);
    }
}
