package io.postdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postdesk.App;
import io.postdesk.config.ConnectionStore;
import io.postdesk.config.Keychain;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.SavedConnection;
import io.postdesk.config.Settings;
import io.postdesk.config.SslMode;
import io.postdesk.db.ExternalServer;
import io.postdesk.db.TestCertificates;
import io.postdesk.model.PostRow;
import io.postdesk.testing.TestDatabase;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * File > Connect… with saved connections to an SSL-only server (certificate for CN=localhost made at
 * test time): Test Connection names an untrusted certificate and a host-name mismatch in words, and
 * Connect with an untrusted certificate keeps the dialog and the current database instead of switching
 * to a pool that could never log in.
 */
class SslConnectionsDialogTest {
    private static final String PASSWORD = "Typed-Ssl-Password-3";
    private static TestDatabase first;
    private static ExternalServer server;
    private static TestCertificates certificates;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @TempDir
    static Path serverFolder;
    @TempDir
    Path dataFolder;

    @BeforeAll
    static void start() {
        assumeTrue(ExternalServer.available(), "PostgreSQL 15 is not installed in " + ExternalServer.BINARIES);
        assumeTrue(TestCertificates.available(), "the openssl program is not installed");
        certificates = TestCertificates.make(serverFolder.resolve("certs"));
        server = ExternalServer.startWithSsl(serverFolder, certificates);
        first = TestDatabase.create();
        first.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@example.org', 'h')");
        first.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'A post in the first database',"
                + " 'text', true FROM users");
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            UiTestSupport.closeAll(robot, app);
        }
    }

    private void save(ConnectionStore store, String name, String host, SslMode mode, Path root) {
        store.save(null, new SavedConnection(name, host, server.port(), "postgres", "postgres", mode,
                root.toString(), false, 2));
    }

    private String field(String id) {
        return robot.lookup(id).queryAs(TextInputControl.class).getText();
    }

    private String shownPost() {
        TableView<PostRow> posts = UiTestSupport.table(robot, "#postsTable");
        return posts.getItems().isEmpty() ? "" : posts.getItems().get(0).title();
    }

    private void select(String name) {
        robot.interact(() -> {
            ListView<?> list = robot.lookup("#connectionList").queryAs(ListView.class);
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).toString().contains("SavedConnection[name=" + name + ",")) {
                    list.getSelectionModel().select(i);
                }
            }
        });
    }

    private String testResultAfterClicking(String button, String whileWorking) throws Exception {
        robot.clickOn(button);
        UiTestSupport.waitUntil(() -> !UiTestSupport.text(robot, "#connectionTestResult").startsWith(whileWorking)
                && !UiTestSupport.text(robot, "#connectionTestResult").isEmpty());
        return UiTestSupport.text(robot, "#connectionTestResult");
    }

    /** The dialog's scene as a PNG in target/, for the report (headless: the scene, not the screen). */
    private void snapshot(String name) throws Exception {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = robot.lookup("#connectionList").query().getScene().snapshot(null));
        int width = (int) shot[0].getWidth();
        int height = (int) shot[0].getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = shot[0].getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        ImageIO.write(png, "png", out.toFile());
    }

    @Test
    void sslFailuresAreNamedAndAnUntrustedCertificateIsNotConnectedTo() throws Exception {
        ConnectionStore store = new ConnectionStore(dataFolder);
        save(store, "someone else's CA", "localhost", SslMode.VERIFY_FULL, certificates.otherRoot());
        save(store, "by address", "127.0.0.1", SslMode.VERIFY_FULL, certificates.rootCertificate());
        save(store, "right CA", "localhost", SslMode.VERIFY_FULL, certificates.rootCertificate());
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new App(new LaunchOptions(first.urlText(), false, false),
                new Settings(Map.of(), Map.of()), dataFolder).withKeychain(Keychain.none("No keychain (test).")));
        UiTestSupport.waitUntil(() -> shownPost().equals("A post in the first database"));

        robot.clickOn("File").clickOn("Connect…");
        UiTestSupport.waitUntil(() -> robot.lookup("#connectionList").tryQuery().isPresent());
        select("someone else's CA");
        robot.interact(() -> robot.lookup("#connectionPassword").queryAs(TextInputControl.class).setText(PASSWORD));

        String connect = testResultAfterClicking("#connectionConnect", "Connecting");
        assertThat(connect).startsWith("✖ Certificate not trusted").contains("other-root.crt").doesNotContain(PASSWORD)
                .doesNotContain("Exception");
        assertThat(robot.lookup("#connectionList").tryQuery()).isPresent(); // the dialog stays
        assertThat(robot.lookup("#promptPassword").tryQuery()).isEmpty();
        assertThat(store.lastUsed()).isEmpty();
        snapshot("ssl-certificate-not-trusted.png");

        select("by address");
        assertThat(testResultAfterClicking("#connectionTest", "Testing")).startsWith("✖ Host name mismatch")
                .contains("127.0.0.1").doesNotContain(PASSWORD);
        snapshot("ssl-host-name-mismatch.png");

        select("right CA");
        assertThat(testResultAfterClicking("#connectionTest", "Testing")).startsWith("✔ Connected to")
                .doesNotContain(PASSWORD);

        // A pasted URL with its SSL parameters fills the form (connection-form.fxml), and the unsaved fields test.
        robot.clickOn("#connectionNew");
        robot.interact(() -> robot.lookup("#connectionUrl").queryAs(TextInputControl.class).setText(
                "postgres://postgres:" + PASSWORD + "@localhost:" + server.port() + "/postgres?sslmode=verify-full"
                        + "&sslrootcert=" + certificates.rootCertificate()));
        robot.clickOn("#connectionFill");
        assertThat(robot.lookup("#connectionSsl").queryAs(ChoiceBox.class).getValue()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(field("#connectionCertificate")).isEqualTo(certificates.rootCertificate().toString());
        assertThat(field("#connectionName")).isEqualTo("localhost/postgres");
        assertThat(field("#connectionUrl")).isEmpty();
        assertThat(testResultAfterClicking("#connectionTest", "Testing")).startsWith("✔ Connected to");
        robot.clickOn("#connectionCancelEdit");

        robot.clickOn("#connectionClose");
        UiTestSupport.waitUntil(() -> robot.lookup("#connectionList").tryQuery().isEmpty());
        assertThat(shownPost()).isEqualTo("A post in the first database");
    }
}
