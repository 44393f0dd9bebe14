package io.postdesk.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides which database to open. First match wins: {@code --database-url}, then
 * {@code DATABASE_URL} in the environment, then {@code DATABASE_URL} in {@code .env};
 * with none of them, the embedded database in the data folder.
 */
public final class DatabaseTargetResolver {
    public static final String DATABASE_URL = "DATABASE_URL";

    private DatabaseTargetResolver() {
    }

    public static DatabaseTarget resolve(String commandLineUrl, Settings settings, Path dataFolder) {
        if (commandLineUrl != null) {
            return new DatabaseTarget.Server(DatabaseUrlParser.parse(commandLineUrl, "--database-url"), "--database-url");
        }
        Optional<Settings.Value> fromSettings = settings.get(DATABASE_URL);
        if (fromSettings.isPresent()) {
            Settings.Value value = fromSettings.get();
            return new DatabaseTarget.Server(DatabaseUrlParser.parse(value.text(), value.origin()), value.origin());
        }
        return new DatabaseTarget.Embedded(dataFolder);
    }
}
