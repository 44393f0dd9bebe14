package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.config.ConnectionStore;
import io.postdesk.config.SavedConnection;
import io.postdesk.config.SslMode;
import io.postdesk.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --connection NAME}: a connection saved in the window, found by name; its password is not
 * kept anywhere on this machine (no keychain, no .pgpass, no terminal), which the command says.
 */
class ConnectionOptionTest {
    private static TestDatabase db;
    private String err;
    private String out;

    @TempDir
    Path config;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void savedConnection() {
        System.setProperty("postdesk.config.dir", config.toString());
        new ConnectionStore(config).save(null, new SavedConnection("blog", "localhost", db.url().port(),
                db.url().database(), db.url().user(), SslMode.DISABLE, "", false, 2));
    }

    @AfterEach
    void forget() {
        System.clearProperty("postdesk.config.dir");
    }

    private int run(String... args) {
        ConsoleCapture run = ConsoleCapture.run(args);
        out = run.out();
        err = run.err();
        return run.exitCode();
    }

    @Test
    void anUnknownNameListsTheSavedOnes() {
        assertThat(run("migrate", "--connection", "staging")).isEqualTo(PostDeskCommand.EXIT_BAD_SETTINGS);
        assertThat(err).contains("No saved connection is called \"staging\" (saved: blog).");
    }

    /** Issue 14: {@code postdesk --connection NAME} opens the window on it; an unknown name stops before any window. */
    @Test
    void theWindowOpensOnTheNamedConnection() {
        java.util.concurrent.atomic.AtomicReference<io.postdesk.config.LaunchOptions> window =
                new java.util.concurrent.atomic.AtomicReference<>();
        assertThat(ConsoleCapture.run(options -> {
            window.set(options);
            return 0;
        }, "--connection", "Blog").exitCode()).isZero();
        assertThat(window.get().connection()).isEqualTo("Blog");
        assertThat(window.get().databaseUrl()).isNull();

        ConsoleCapture unknown = ConsoleCapture.run("--connection", "staging");
        assertThat(unknown.exitCode()).isEqualTo(PostDeskCommand.EXIT_BAD_SETTINGS);
        assertThat(unknown.err()).contains("No saved connection is called \"staging\" (saved: blog).");
        assertThat(ConsoleCapture.run("--connection", "blog", "--database-url", db.urlText()).exitCode())
                .isEqualTo(PostDeskCommand.EXIT_BAD_SETTINGS);
    }

    @Test
    void aUrlAndANameAtOnceAreRefused() {
        assertThat(run("migrate", "--connection", "blog", "--database-url", db.urlText()))
                .isEqualTo(PostDeskCommand.EXIT_BAD_SETTINGS);
        assertThat(err).contains("either --database-url or --connection").doesNotContain(db.url().password());
    }

    @Test
    void theSavedConnectionIsUsedAndAMissingPasswordIsExplained() {
        int code = run("migrate", "--connection", "blog");

        assertThat(code).isEqualTo(PostDeskCommand.EXIT_FAILED);
        // it reached the saved server, which wants the password no source had, and the reason is said
        assertThat(err).contains("No keychain is available on this machine")
                .contains("The server asks for a password and none was given").doesNotContain(db.url().password());
        assertThat(out).doesNotContain(db.url().password());
    }
}
