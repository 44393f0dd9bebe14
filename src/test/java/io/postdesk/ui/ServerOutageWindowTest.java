package io.postdesk.ui;

import static io.postdesk.ui.UiTestSupport.table;
import static io.postdesk.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.DatabaseUrlParser;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.ExternalServer;
import io.postdesk.db.Migrations;
import io.postdesk.model.PostRow;
import io.postdesk.testing.Eventually;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Issue 14, "a lost connection", as a user sees it on a server database (Debian's PostgreSQL 15,
 * stopped with {@code pg_ctl stop -m fast} and started again): the page being loaded fails at once
 * and says why, the status bar says the connection was lost, New and Edit are off, an open form
 * keeps what was typed and says Save waits for the connection; when the server is back the window
 * reconnects by itself, reloads the rows, and the kept form saves. The times go to the output
 * (docs/PERFORMANCE.md) and screenshots to target/lost-connection-*.png.
 */
class ServerOutageWindowTest {
    /** Short for the test; the window's default is 30 s, and 5 s while the server is gone. */
    private static final String HEALTH_INTERVAL_MS = "3000";
    private final FxRobot robot = new FxRobot();
    private Application app;
    private ExternalServer server;

    @TempDir
    Path folder;

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            UiTestSupport.closeAll(robot, app);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theWindowOutlivesTheServerAndTheKeptFormSavesWhenItIsBack() throws Exception {
        assumeTrue(ExternalServer.available(), "PostgreSQL 15 is not installed in " + ExternalServer.BINARIES);
        server = ExternalServer.start(folder);
        DatabaseUrl url = DatabaseUrlParser.parse(server.url(), "test");
        try (HikariDataSource pool = ConnectionPool.create(url, PoolSettings.DEFAULTS, false)) {
            new Migrations(pool).migrate();
        }
        sql(url, "INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@example.org', 'h')");
        sql(url, "INSERT INTO posts (user_id, title, content, published) SELECT id, 'Written before', 'Hello', true"
                + " FROM users");
        app = UiTestSupport.start(server.url(), folder.resolve("data"),
                Map.of("POSTDESK_HEALTH_INTERVAL_MS", HEALTH_INTERVAL_MS));
        TableView<PostRow> posts = table(robot, "#postsTable");
        waitUntil(() -> posts.getItems().size() == 1);
        waitUntil(() -> !robot.lookup("#newPostButton").queryButton().isDisabled());

        robot.clickOn("Written before").type(KeyCode.ENTER);
        waitUntil(() -> "Written before".equals(field("#titleField").getText()));
        robot.interact(() -> {
            field("#titleField").setText("Typed while the server went away");
        });
        focusMainWindow();

        // A page load under way: it waits for a lock another session holds on posts.
        Connection locker = DriverManager.getConnection(url.jdbcUrl(), url.user(), null);
        locker.setAutoCommit(false);
        locker.createStatement().execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");
        robot.clickOn(posts).type(KeyCode.F5);
        Eventually.lockWait(() -> DriverManager.getConnection(url.jdbcUrl(), url.user(), null));

        long stop = System.nanoTime();
        server.stop();
        waitUntil(() -> overlayText(posts).contains("ended PostDesk's session"));
        long inFlightFailed = System.nanoTime();
        locker.close();
        waitUntil(() -> statusText().contains("The connection to the database was lost"));
        long lossShown = System.nanoTime();
        waitUntil(() -> robot.lookup("#newPostButton").queryButton().isDisabled());
        assertThat(millis(stop, inFlightFailed)).as("the page under way failed within seconds").isLessThan(5_000);
        assertThat(robot.lookup("#healthLabel").queryAs(Label.class).getText()).contains("Unreachable");
        assertThat(robot.lookup("#editPostButton").queryButton().isDisabled()).isTrue();
        snapshot("lost-connection-down.png");

        // The form kept the typed title, says the connection was lost, and waits to save.
        waitUntil(() -> formMessage().startsWith("The connection to the database was lost."));
        assertThat(field("#titleField").getText()).isEqualTo("Typed while the server went away");
        assertThat(robot.lookup("#saveButton").queryButton().isDisabled()).isTrue();
        snapshot("lost-connection-form-down.png", formStage());

        server.startAgain();
        long started = System.nanoTime();
        waitUntil(() -> statusText().contains(Connector.CONNECTION_BACK) && posts.getItems().size() == 1);
        long back = System.nanoTime();
        waitUntil(() -> !robot.lookup("#newPostButton").queryButton().isDisabled());
        waitUntil(() -> !robot.lookup("#saveButton").queryButton().isDisabled() && !formMessage().contains("lost"));
        assertThat(robot.lookup("#healthLabel").queryAs(Label.class).getText()).contains("Connected");
        assertThat(posts.getSelectionModel().getSelectedItem()).as("the page reloaded in place, selection kept")
                .extracting(PostRow::title).isEqualTo("Written before");
        snapshot("lost-connection-back.png");

        robot.interact(() -> formStage().toFront());
        robot.clickOn("#saveButton");
        waitUntil(() -> robot.lookup("#titleField").tryQuery().isEmpty());
        waitUntil(() -> posts.getItems().size() == 1
                && "Typed while the server went away".equals(posts.getItems().get(0).title()));
        System.out.printf("lost-connection window: page under way failed %d ms after the stop began; status bar"
                        + " said 'lost' after %d ms; back %d ms after the server was started again (health every %s ms,"
                        + " 5 s while lost)%n", millis(stop, inFlightFailed), millis(stop, lossShown),
                millis(started, back), HEALTH_INTERVAL_MS);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private TextField field(String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }

    private String formMessage() {
        return robot.lookup("#formMessage").queryAs(Label.class).getText();
    }

    private Stage formStage() {
        return (Stage) robot.lookup("#titleField").query().getScene().getWindow();
    }

    private Stage mainStage() {
        return (Stage) robot.lookup("#postsTable").query().getScene().getWindow();
    }

    private void focusMainWindow() {
        robot.interact(() -> mainStage().toFront());
    }

    private String statusText() {
        return robot.lookup(".status-bar").queryAs(StatusBar.class).getText();
    }

    private String overlayText(TableView<PostRow> posts) {
        Node message = robot.from(posts.getParent()).lookup("#overlayMessage").query();
        return message.isVisible() ? ((Label) message).getText() : "";
    }

    private void snapshot(String name) throws Exception {
        snapshot(name, mainStage());
    }

    /** The window's scene as a PNG in target/, for the report (headless: the scene, not the screen). */
    private void snapshot(String name, Window window) throws Exception {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = window.getScene().snapshot(null));
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

    private static void sql(DatabaseUrl url, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), null);
             Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
