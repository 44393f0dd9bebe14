package io.postdesk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataFoldersTest {
    private static final Path HOME = Path.of("/home/ann");

    @Test
    void linuxDefault() {
        assertThat(DataFolders.resolve("Linux", Map.of(), HOME))
                .isEqualTo(HOME.resolve(".local").resolve("share").resolve("postdesk"));
    }

    @Test
    void linuxRespectsAbsoluteXdgDataHome() {
        assertThat(DataFolders.resolve("Linux", Map.of("XDG_DATA_HOME", "/srv/xdg"), HOME))
                .isEqualTo(Path.of("/srv/xdg").resolve("postdesk"));
    }

    @Test
    void linuxIgnoresRelativeXdgDataHome() {
        assertThat(DataFolders.resolve("Linux", Map.of("XDG_DATA_HOME", "relative/xdg"), HOME))
                .isEqualTo(HOME.resolve(".local").resolve("share").resolve("postdesk"));
    }

    @Test
    void linuxIgnoresEmptyXdgDataHome() {
        assertThat(DataFolders.resolve("Linux", Map.of("XDG_DATA_HOME", ""), HOME))
                .isEqualTo(HOME.resolve(".local").resolve("share").resolve("postdesk"));
    }

    @Test
    void macOs() {
        assertThat(DataFolders.resolve("Mac OS X", Map.of("XDG_DATA_HOME", "/srv/xdg"), HOME))
                .isEqualTo(HOME.resolve("Library").resolve("Application Support").resolve("PostDesk"));
    }

    @Test
    void windowsUsesLocalAppData() {
        String localAppData = "C:\\Users\\ann\\AppData\\Local";

        assertThat(DataFolders.resolve("Windows 11", Map.of("LOCALAPPDATA", localAppData), HOME))
                .isEqualTo(Path.of(localAppData).resolve("PostDesk"));
    }

    @Test
    void windowsWithoutLocalAppDataFallsBackToHome() {
        assertThat(DataFolders.resolve("Windows 10", Map.of(), HOME))
                .isEqualTo(HOME.resolve("AppData").resolve("Local").resolve("PostDesk"));
    }

    @Test
    void postdeskDataDirOverridesEverything() {
        Map<String, String> env = Map.of(
                "POSTDESK_DATA_DIR", "/portable/data",
                "XDG_DATA_HOME", "/srv/xdg",
                "LOCALAPPDATA", "/somewhere/else");

        assertThat(DataFolders.resolve("Linux", env, HOME)).isEqualTo(Path.of("/portable/data"));
        assertThat(DataFolders.resolve("Mac OS X", env, HOME)).isEqualTo(Path.of("/portable/data"));
        assertThat(DataFolders.resolve("Windows 11", env, HOME)).isEqualTo(Path.of("/portable/data"));
    }

    @Test
    void blankPostdeskDataDirIsIgnored() {
        assertThat(DataFolders.resolve("Linux", Map.of("POSTDESK_DATA_DIR", "  "), HOME))
                .isEqualTo(HOME.resolve(".local").resolve("share").resolve("postdesk"));
    }

    @Test
    void theCacheFollowsEachSystemsConvention() {
        assertThat(DataFolders.resolveCache("Linux", Map.of(), HOME)).isEqualTo(HOME.resolve(".cache").resolve("postdesk"));
        assertThat(DataFolders.resolveCache("Linux", Map.of("XDG_CACHE_HOME", "/srv/cache"), HOME))
                .isEqualTo(Path.of("/srv/cache").resolve("postdesk"));
        assertThat(DataFolders.resolveCache("Linux", Map.of("XDG_CACHE_HOME", "relative"), HOME))
                .isEqualTo(HOME.resolve(".cache").resolve("postdesk"));
        assertThat(DataFolders.resolveCache("Mac OS X", Map.of(), HOME))
                .isEqualTo(HOME.resolve("Library").resolve("Caches").resolve("PostDesk"));
        String localAppData = HOME.resolve("AppData").resolve("Local").toString();
        assertThat(DataFolders.resolveCache("Windows 11", Map.of("LOCALAPPDATA", localAppData), HOME))
                .isEqualTo(Path.of(localAppData).resolve("PostDesk").resolve("cache"));
    }

    @Test
    void postdeskCacheDirOverridesTheCacheButNotTheData() {
        Map<String, String> env = Map.of("POSTDESK_CACHE_DIR", "/portable/cache");

        assertThat(DataFolders.resolveCache("Linux", env, HOME)).isEqualTo(Path.of("/portable/cache"));
        assertThat(DataFolders.resolve("Linux", env, HOME)).isEqualTo(HOME.resolve(".local").resolve("share").resolve("postdesk"));
        assertThat(DataFolders.resolveCache("Linux", Map.of("POSTDESK_DATA_DIR", "/portable/data"), HOME))
                .isEqualTo(HOME.resolve(".cache").resolve("postdesk"));
    }
}
