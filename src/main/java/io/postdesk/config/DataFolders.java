package io.postdesk.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user folder where the embedded database, the log and saved state live, and the per-user
 * cache (the unpacked PostgreSQL programs: made again if deleted).
 */
public final class DataFolders {
    private DataFolders() {
    }

    /** For this machine; {@code POSTDESK_DATA_DIR} overrides it (tests, portable installs). */
    public static Path forThisUser() {
        return resolve(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The cache folder for this machine's user; {@code POSTDESK_CACHE_DIR} overrides it. */
    public static Path cacheForThisUser() {
        return resolveCache(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path resolveCache(String osName, Map<String, String> environment, Path home) {
        String override = environment.get("POSTDESK_CACHE_DIR");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String localAppData = environment.get("LOCALAPPDATA");
            Path base = localAppData != null && !localAppData.isBlank()
                    ? Path.of(localAppData) : home.resolve("AppData").resolve("Local");
            return base.resolve("PostDesk").resolve("cache");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Caches").resolve("PostDesk");
        }
        String xdgCacheHome = environment.get("XDG_CACHE_HOME");
        Path base = xdgCacheHome != null && xdgCacheHome.startsWith("/") ? Path.of(xdgCacheHome) : home.resolve(".cache");
        return base.resolve("postdesk");
    }

    static Path resolve(String osName, Map<String, String> environment, Path home) {
        String override = environment.get("POSTDESK_DATA_DIR");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String localAppData = environment.get("LOCALAPPDATA");
            Path base = localAppData != null && !localAppData.isBlank()
                    ? Path.of(localAppData) : home.resolve("AppData").resolve("Local");
            return base.resolve("PostDesk");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("PostDesk");
        }
        String xdgDataHome = environment.get("XDG_DATA_HOME");
        Path base = xdgDataHome != null && xdgDataHome.startsWith("/")
                ? Path.of(xdgDataHome) : home.resolve(".local").resolve("share");
        return base.resolve("postdesk");
    }
}
