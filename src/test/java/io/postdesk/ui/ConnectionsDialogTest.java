package io.postdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.App;
import io.postdesk.config.ConnectionStore;
import io.postdesk.config.Keychain;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.Settings;
import io.postdesk.model.PostRow;
import io.postdesk.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * File > Connect… as a user clicks through it, on a machine without a keychain: a new connection to a
 * second database on the test server, tested (first without a password, then with), connected to
 * through the password prompt, then the embedded database, then back without being asked again.
 */
class ConnectionsDialogTest {
    private static final String NO_KEYCHAIN = "No keychain is available on this machine (test): PostDesk asks for"
            + " passwords when it connects and keeps them for this session only.";
    private static TestDatabase first;
    private static TestDatabase second;
    private final FxRobot robot = new FxRobot();
    private Application app;
    private Stage stage;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void databases() {
        first = TestDatabase.create();
        second = TestDatabase.create();
        for (TestDatabase db : new TestDatabase[] {first, second}) {
            String which = db == first ? "first" : "second";
            db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@example.org', 'h')");
            db.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'A post in the " + which
                    + " database', 'text', true FROM users");
        }
    }

    @AfterAll
    static void close() {
        first.close();
        second.close();
    }

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            UiTestSupport.closeAll(robot, app);
        }
    }

    private String shownPost() {
        TableView<PostRow> posts = UiTestSupport.table(robot, "#postsTable");
        return posts.getItems().isEmpty() ? "" : posts.getItems().get(0).title();
    }

    private void openDialog() throws Exception {
        robot.clickOn("File").clickOn("Connect…");
        UiTestSupport.waitUntil(() -> robot.lookup("#connectionList").tryQuery().isPresent());
    }

    private void set(String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(TextInputControl.class).setText(text));
    }

    private void select(String name) {
        robot.interact(() -> {
            ListView<?> list = robot.lookup("#connectionList").queryAs(ListView.class);
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).toString().contains("saved=" + (name == null ? "null" : "SavedConnection[name=" + name))) {
                    list.getSelectionModel().select(i);
                }
            }
        });
    }

    /** Everything PostDesk logs, at every level, while the test runs: no password may be in it. */
    private static ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captureLog() {
        ch.qos.logback.classic.Logger postdesk = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.postdesk");
        postdesk.setLevel(ch.qos.logback.classic.Level.DEBUG);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        postdesk.addAppender(log);
        return log;
    }

    @Test
    void createTestConnectAndSwitchBackToTheEmbeddedDatabase() throws Exception {
        var log = captureLog();
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new App(new LaunchOptions(first.urlText(), false, false),
                new Settings(Map.of(), Map.of()), dataFolder).withKeychain(Keychain.none(NO_KEYCHAIN)));
        UiTestSupport.waitUntil(() -> shownPost().equals("A post in the first database"));

        openDialog();
        robot.clickOn("#connectionNew");
        set("#connectionName", "second blog");
        set("#connectionHost", "localhost");
        set("#connectionPort", Integer.toString(second.url().port()));
        set("#connectionDatabase", second.url().database());
        set("#connectionUser", second.url().user());
        robot.clickOn("#connectionSave");
        assertThat(UiTestSupport.text(robot, "#keychainNote")).isEqualTo(NO_KEYCHAIN);
        Path saved = dataFolder.resolve(ConnectionStore.FILE_NAME);
        assertThat(Files.readString(saved, StandardCharsets.UTF_8)).contains("second blog")
                .contains(second.url().database());

        // Nothing saved, no keychain, no .pgpass: the test says so in words.
        robot.clickOn("#connectionTest");
        UiTestSupport.waitUntil(() -> UiTestSupport.text(robot, "#connectionTestResult").startsWith("✖"));
        assertThat(UiTestSupport.text(robot, "#connectionTestResult")).contains("wants a password");
        // A wrong one, then the right one.
        set("#connectionPassword", "wrong-password");
        robot.clickOn("#connectionTest");
        UiTestSupport.waitUntil(() -> UiTestSupport.text(robot, "#connectionTestResult").contains("Wrong password"));
        set("#connectionPassword", second.url().password());
        robot.clickOn("#connectionTest");
        UiTestSupport.waitUntil(() -> UiTestSupport.text(robot, "#connectionTestResult").startsWith("✔"));
        assertThat(UiTestSupport.text(robot, "#connectionTestResult")).contains("PostDesk's schema is there")
                .doesNotContain(second.url().password());

        // Connect with the field empty: the keychain-less prompt asks, and remembers for the session.
        set("#connectionPassword", "");
        robot.clickOn("#connectionConnect");
        UiTestSupport.waitUntil(() -> robot.lookup("#promptPassword").tryQuery().isPresent());
        assertThat(UiTestSupport.text(robot, "#promptKeychainNote")).isEqualTo(NO_KEYCHAIN);
        set("#promptPassword", second.url().password());
        robot.clickOn("#promptPassword").type(KeyCode.ENTER);
        UiTestSupport.waitUntil(() -> shownPost().equals("A post in the second database"));
        String name = "second blog (postgres@localhost:" + second.url().port() + "/" + second.url().database() + ")";
        assertThat(robot.lookup(".database-label").queryAs(Label.class).getText()).isEqualTo(name);
        UiTestSupport.waitUntil(() -> stage.getTitle().equals("PostDesk — " + name));
        assertThat(Files.readString(saved, StandardCharsets.UTF_8)).contains("last=second blog")
                .doesNotContain(second.url().password());

        // Back to the embedded database, in the same window.
        openDialog();
        select(null);
        long toEmbedded = System.nanoTime();
        robot.clickOn("#connectionConnect");
        UiTestSupport.waitUntil(() -> robot.lookup(".database-label").queryAs(Label.class).getText().equals("embedded"));
        UiTestSupport.waitUntil(() -> robot.lookup(".health-label").queryAs(Label.class).getText().contains("Connected")
                && !shownPost().startsWith("A post in the"));
        System.out.printf("ConnectionsDialogTest: server -> embedded (first start: initdb and demo data) %d ms%n",
                (System.nanoTime() - toEmbedded) / 1_000_000);
        assertThat(stage.getTitle()).isEqualTo("PostDesk — embedded");

        // And to the saved one again: the session remembered the password, nothing asks.
        openDialog();
        select("second blog");
        long toServer = System.nanoTime();
        robot.clickOn("#connectionConnect");
        UiTestSupport.waitUntil(() -> shownPost().equals("A post in the second database"));
        System.out.printf("ConnectionsDialogTest: embedded -> server, first page shown after %d ms%n",
                (System.nanoTime() - toServer) / 1_000_000);
        assertThat(robot.lookup("#promptPassword").tryQuery()).isEmpty();

        java.util.List<String> logged = java.util.List.copyOf(log.list).stream().map(event -> event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage())).toList();
        assertThat(logged).anyMatch(line -> line.contains("Switching to the connection second blog"))
                .noneMatch(line -> line.contains(second.url().password()) || line.contains("wrong-password"));
        ch.qos.logback.classic.Logger postdesk = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.postdesk");
        postdesk.detachAppender(log);
        postdesk.setLevel(null);
    }

    /**
     * {@code postdesk --connection "first blog"} (issue 14): the window opens on that saved connection,
     * its password from the keychain, without a choice to make; the name is matched ignoring case.
     */
    @Test
    void aConnectionNamedAtTheStartOpensTheWindowOnIt() throws Exception {
        ConnectionStore store = new ConnectionStore(dataFolder);
        store.save(null, new io.postdesk.config.SavedConnection("first blog", "localhost", first.url().port(),
                first.url().database(), first.url().user(), io.postdesk.config.SslMode.PREFER, "", false, 5));
        store.save(null, new io.postdesk.config.SavedConnection("second blog", "localhost", second.url().port(),
                second.url().database(), second.url().user(), io.postdesk.config.SslMode.DISABLE, "", false, 5));
        store.rememberLastUsed("second blog");
        Keychain holdingThePassword = new Keychain() {
            @Override
            public String absence() {
                return null;
            }

            @Override
            public java.util.Optional<String> read(String connectionName) {
                return connectionName.equals("first blog") ? java.util.Optional.of(first.url().password())
                        : java.util.Optional.empty();
            }

            @Override
            public void store(String connectionName, String password) {
            }

            @Override
            public void remove(String connectionName) {
            }
        };

        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new App(new LaunchOptions(null, false, false, "First Blog"),
                new Settings(Map.of(), Map.of()), dataFolder).withKeychain(holdingThePassword));

        UiTestSupport.waitUntil(() -> shownPost().equals("A post in the first database"));
        UiTestSupport.waitUntil(() -> robot.lookup("#connectionList").tryQuery().isEmpty());
        assertThat(store.lastUsed()).contains("first blog");
    }

    /**
     * Saved connections and no URL: the window opens with the dialog over it, the last used one
     * selected. Connecting while a form has unsaved changes asks first; "Cancel" keeps the form.
     */
    @Test
    void atStartTheLastUsedIsOfferedAndUnsavedFormsAskBeforeASwitch() throws Exception {
        ConnectionStore store = new ConnectionStore(dataFolder);
        store.save(null, new io.postdesk.config.SavedConnection("first blog", "localhost", first.url().port(),
                first.url().database(), first.url().user(), io.postdesk.config.SslMode.PREFER, "", false, 5));
        store.save(null, new io.postdesk.config.SavedConnection("second blog", "localhost", second.url().port(),
                second.url().database(), second.url().user(), io.postdesk.config.SslMode.DISABLE, "", false, 5));
        store.rememberLastUsed("first blog");

        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new App(new LaunchOptions(null, false, false),
                new Settings(Map.of(), Map.of()), dataFolder).withKeychain(Keychain.none(NO_KEYCHAIN)));
        UiTestSupport.waitUntil(() -> robot.lookup("#connectionList").tryQuery().isPresent());
        assertThat(robot.lookup("#connectionList").queryAs(ListView.class).getSelectionModel().getSelectedItem()
                .toString()).contains("name=first blog");
        assertThat(robot.lookup("#statusBar").queryAs(org.controlsfx.control.StatusBar.class).getText())
                .isEqualTo("Choose a connection…");

        // A wrong password is caught before the switch: the dialog stays, saying why.
        set("#connectionPassword", "not-it");
        robot.clickOn("#connectionConnect");
        UiTestSupport.waitUntil(() -> UiTestSupport.text(robot, "#connectionTestResult").contains("Wrong password"));
        assertThat(robot.lookup("#connectionList").tryQuery()).isPresent();
        set("#connectionPassword", first.url().password());
        robot.clickOn("#connectionConnect");
        UiTestSupport.waitUntil(() -> shownPost().equals("A post in the first database"));

        robot.clickOn("#newPostButton");
        UiTestSupport.waitUntil(() -> robot.lookup("#titleField").tryQuery().isPresent());
        robot.clickOn("#titleField").write("Typed, not saved");

        openDialog();
        select("second blog");
        set("#connectionPassword", second.url().password());
        robot.clickOn("#connectionConnect");
        UiTestSupport.waitUntil(() -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        robot.clickOn("Cancel");
        assertThat(robot.lookup("#titleField").queryAs(TextInputControl.class).getText()).isEqualTo("Typed, not saved");
        assertThat(robot.lookup("#connectionList").tryQuery()).isPresent(); // the dialog stays for another choice
        assertThat(shownPost()).isEqualTo("A post in the first database");

        robot.clickOn("#connectionConnect");
        UiTestSupport.waitUntil(() -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        robot.clickOn("#confirmAction");
        UiTestSupport.waitUntil(() -> shownPost().equals("A post in the second database"));
        assertThat(robot.lookup("#titleField").tryQuery()).isEmpty();
        assertThat(store.lastUsed()).contains("second blog");
    }
}
