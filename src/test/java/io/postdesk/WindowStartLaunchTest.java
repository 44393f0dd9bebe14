package io.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.config.ConnectionStore;
import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.DatabaseUrlParser;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.SavedConnection;
import io.postdesk.config.Settings;
import io.postdesk.model.StartupTimes;
import io.postdesk.ui.EarlyOpening;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which launches begin opening the database before the window: every one that opens a database at
 * once; not one whose window first asks which saved connection to open.
 */
class WindowStartLaunchTest {
    private static final Settings NO_SETTINGS = new Settings(Map.of(), Map.of());

    @TempDir
    Path folder;

    @Test
    void savedConnectionsAndNoUrlBeginNothing() {
        new ConnectionStore(folder.resolve("config")).save(null, SavedConnection.fromUrl("blog",
                DatabaseUrlParser.parse("postgres://blog@db.example.com:5432/blog", "test")));

        EarlyOpening opening = WindowStart.beginOpening(LaunchOptions.DEFAULTS, NO_SETTINGS, folder.resolve("data"),
                folder.resolve("config"), StartupTimes.sinceJvmStart(), () -> { });

        assertThat(opening).isNull();
    }

    @Test
    void aUrlIsOpenedAtOnceEvenWithSavedConnections() throws Exception {
        new ConnectionStore(folder.resolve("config")).save(null, SavedConnection.fromUrl("blog",
                DatabaseUrlParser.parse("postgres://blog@db.example.com:5432/blog", "test")));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "postgres://blog:pw@localhost:" + closedPort + "/blog";

        EarlyOpening opening = WindowStart.beginOpening(new LaunchOptions(url, false, false), NO_SETTINGS,
                folder.resolve("data"), folder.resolve("config"), StartupTimes.sinceJvmStart(), () -> { });

        assertThat(opening).isNotNull();
        assertThat(opening.target()).isInstanceOf(DatabaseTarget.Server.class);
        opening.closeIfNotTaken();
    }
}
