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

    /**
     * The per-user config folder (saved connections): {@code POSTDESK_CONFIG_DIR}, else the data folder
     * when {@code POSTDESK_DATA_DIR} is set (a portable install or a test keeps everything together),
     * else the platform's config place ({@code XDG_CONFIG_HOME}/postdesk, ~/.config/postdesk, ...).
     */
    public static Path configForThisUser() {
        String forTests = System.getProperty("postdesk.config.dir"); // in-process command-line tests
        if (forTests != null && !forTests.isBlank()) {
            return Path.of(forTests);
        }
        return resolveConfig(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path resolveConfig(String osName, Map<String, String> environment, Path home) {
        String dataOverride = environment.get("POSTDESK_DATA_DIR");
        if ((environment.get("POSTDESK_CONFIG_DIR") == null || environment.get("POSTDESK_CONFIG_DIR").isBlank())
                && dataOverride != null && !dataOverride.isBlank()) {
            return Path.of(dataOverride);
        }
        return resolve(new Layout("POSTDESK_CONFIG_DIR", Path.of(""), Path.of("Library", "Application Support", "PostDesk"),
                "XDG_CONFIG_HOME", Path.of(".config")), osName, environment, home);
    }

    static Path resolveCache(String osName, Map<String, String> environment, Path home) {
        return resolve(new Layout("POSTDESK_CACHE_DIR", Path.of("cache"), Path.of("Library", "Caches", "PostDesk"),
                "XDG_CACHE_HOME", Path.of(".cache")), osName, environment, home);
    }

    static Path resolve(String osName, Map<String, String> environment, Path home) {
        return resolve(new Layout("POSTDESK_DATA_DIR", Path.of(""), Path.of("Library", "Application Support", "PostDesk"),
                "XDG_DATA_HOME", Path.of(".local", "share")), osName, environment, home);
    }

    /**
     * Where one kind of folder goes on each system: the variable that overrides it, the part under
     * Windows' {@code LOCALAPPDATA\PostDesk}, the macOS folder under home, and the XDG variable and its
     * default under home (Linux and others).
     */
    private record Layout(String override, Path underWindowsFolder, Path macUnderHome, String xdgVariable,
                          Path xdgDefaultUnderHome) {
    }

    private static Path resolve(Layout layout, String osName, Map<String, String> environment, Path home) {
        String override = environment.get(layout.override());
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String localAppData = environment.get("LOCALAPPDATA");
            Path base = localAppData != null && !localAppData.isBlank()
                    ? Path.of(localAppData) : home.resolve("AppData").resolve("Local");
            return base.resolve("PostDesk").resolve(layout.underWindowsFolder());
        }
        if (os.startsWith("mac")) {
            return home.resolve(layout.macUnderHome());
        }
        String xdg = environment.get(layout.xdgVariable());
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : home.resolve(layout.xdgDefaultUnderHome());
        return base.resolve("postdesk");
    }
}
