package io.postdesk.ui;

import io.postdesk.App;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.Settings;
import io.postdesk.model.PostRow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.EmptyNodeQueryException;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test: the README's screenshots. Starts PostDesk on a fresh embedded demo database in a real
 * X window (GTK, under Xvfb), walks through the screens and saves each as a PNG. Its name does not
 * match surefire's test patterns, so {@code mvn verify} never runs it; {@code scripts/screenshots.sh}
 * does, with {@code -Dtest=ScreenTour}. Sleeps are fine here: a frame needs painting before capture.
 */
class ScreenTour {
    static {
        // The tests' headless Monocle draws no real window: this one runs on the platform's glass (GTK),
        // whatever the surefire configuration set before the class loaded.
        System.setProperty("testfx.headless", "false");
        System.clearProperty("glass.platform");
        System.clearProperty("monocle.platform");
        System.clearProperty("prism.text");
        System.setProperty("testfx.setup.timeout", "120000"); // the first start creates and fills the database
    }

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    private final FxRobot robot = new FxRobot();
    private final Path out = Path.of(System.getProperty("postdesk.screenshots", "docs/screenshots")).toAbsolutePath();
    private final Path dataFolder = Path.of(System.getProperty("postdesk.tourData",
            System.getProperty("java.io.tmpdir") + "/postdesk-screenshots")).toAbsolutePath();
    private Stage stage;

    @Test
    void tour() throws Exception {
        try {
            walk();
        } catch (Exception | AssertionError e) {
            save("../../target/screen-tour-failure.png"); // what the screen showed when a step did not come
            javafx.stage.Window.getWindows().forEach(window -> System.out.println("ScreenTour: window "
                    + window + " showing=" + window.isShowing() + " root=" + (window.getScene() == null ? null
                    : window.getScene().getRoot())));
            throw e;
        }
    }

    private void walk() throws Exception {
        Files.createDirectories(out);
        stage = FxToolkit.registerPrimaryStage();
        var app = FxToolkit.setupApplication(() -> new App(new LaunchOptions(null, false, false),
                new Settings(Map.of(), Map.of()), dataFolder));
        robot.interact(() -> { // the screen is the window's size: maximized, with or without a window manager
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(WIDTH);
            stage.setHeight(HEIGHT);
            stage.setMaximized(true);
        });
        TableView<PostRow> posts = UiTestSupport.table(robot, "#postsTable");
        waitUntil(120, () -> posts.getItems().size() >= 20);
        robot.interact(() -> {
            posts.getSelectionModel().clearAndSelect(2);
            posts.requestFocus();
        });
        waitUntil(30, () -> !robot.lookup("#detailContent").queryTextInputControl().getText().isEmpty());
        save("01-posts.png");

        editAPostAndSave(posts);
        conflict(posts);

        view("users");
        TableView<?> users = UiTestSupport.table(robot, "#usersTable");
        waitUntil(30, () -> !users.getItems().isEmpty());
        robot.interact(() -> users.getSelectionModel().clearAndSelect(0));
        waitUntil(30, () -> !UiTestSupport.table(robot, "#userPostsTable").getItems().isEmpty());
        save("02-users.png");

        robot.interact(() -> menuItem("newItem").fire());
        waitUntil(30, () -> robot.lookup("#usernameField").tryQuery().isPresent());
        robot.interact(() -> {
            text("#usernameField").setText("dana_writes");
            text("#emailField").setText("dana@example.org");
        });
        save("04-new-user.png");
        closeWindowOf("#usernameField");

        view("history");
        TableView<?> history = UiTestSupport.table(robot, "#historyTable");
        waitUntil(30, () -> !history.getItems().isEmpty());
        robot.interact(() -> history.getSelectionModel().clearAndSelect(0));
        save("05-history.png");

        view("posts");
        robot.interact(() -> menuItem("exportItem").fire());
        waitUntil(30, () -> robot.lookup("#exportFile").tryQuery().isPresent());
        save("06-export.png");
        robot.interact(() -> robot.lookup("#exportCancel").queryButton().fire());

        Menu file = robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().get(0);
        robot.interact(file::show);
        save("07-menu.png");
        robot.interact(file::hide);

        robot.interact(() -> menuItem("aboutItem").fire());
        waitUntil(30, () -> robot.lookup("#aboutDialog").tryQuery().isPresent()
                && !robot.lookup("#aboutServer").queryLabeled().getText().isBlank());
        save("08-about.png");
        closeDialog("#aboutDialog");

        robot.interact(() -> menuItem("shortcutsItem").fire());
        waitUntil(30, () -> robot.lookup("#shortcutsDialog").tryQuery().isPresent());
        save("10-shortcuts.png");
        closeDialog("#shortcutsDialog");

        robot.interact(() -> menuItem("schemaItem").fire());
        waitUntil(30, () -> robot.lookup("#schemaDialog").tryQuery().isPresent()
                && !robot.lookup("#schemaGo").queryButton().isDisabled());
        save("11-schema.png");
        robot.interact(() -> robot.lookup("#schemaUninstall").queryButton().fire());
        waitUntil(30, () -> robot.lookup("#confirmAction").tryQuery().isPresent());
        save("12-schema-uninstall-plan.png");
        DialogPane confirm = robot.lookup("#confirmDialog").queryAs(DialogPane.class);
        robot.interact(() -> button(confirm, "Cancel").fire()); // the first button would uninstall
        closeDialog("#schemaDialog");

        diagnostics();

        UiTestSupport.closeAll(robot, app);
    }

    /** A post's form, changed and saved: the History view then has an update to show. */
    private void editAPostAndSave(TableView<PostRow> posts) throws Exception {
        robot.interact(() -> posts.getSelectionModel().clearAndSelect(1));
        robot.interact(() -> menuItem("editItem").fire());
        waitUntil(30, () -> robot.lookup("#titleField").tryQuery().isPresent()
                && !text("#titleField").getText().isEmpty());
        robot.interact(() -> text("#titleField").setText(text("#titleField").getText() + " (revised)"));
        save("03-post-form.png");
        robot.interact(() -> robot.lookup("#saveButton").queryButton().fire());
        waitUntil(30, () -> robot.lookup("#titleField").tryQuery().isEmpty());
    }

    /** The same post changed in the database behind an open form, then Save: the conflict dialog. */
    private void conflict(TableView<PostRow> posts) throws Exception {
        robot.interact(() -> posts.getSelectionModel().clearAndSelect(0));
        PostRow row = posts.getSelectionModel().getSelectedItem();
        robot.interact(() -> menuItem("editItem").fire());
        waitUntil(30, () -> robot.lookup("#titleField").tryQuery().isPresent()
                && !text("#titleField").getText().isEmpty());
        robot.interact(() -> text("#titleField").setText("Indexes, explained for everyone"));
        try (Connection db = embeddedDatabase();
             PreparedStatement update = db.prepareStatement(
                     "UPDATE posts SET title = title || ' (their edit)', content = content || ' Updated.' WHERE id = ?")) {
            update.setObject(1, row.id());
            update.executeUpdate();
        }
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#saveButton").queryButton().fire());
        waitUntil(30, () -> robot.lookup("#conflictDialog").tryQuery().isPresent());
        save("09-conflict.png");
        DialogPane conflict = robot.lookup("#conflictDialog").queryAs(DialogPane.class);
        robot.interact(() -> button(conflict, "Keep editing").fire());
        waitUntil(30, () -> robot.lookup("#conflictDialog").tryQuery().isEmpty());
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#cancelButton").queryButton().fire());
        waitUntil(30, () -> robot.lookup("#discardDialog").tryQuery().isPresent());
        DialogPane discard = robot.lookup("#discardDialog").queryAs(DialogPane.class);
        robot.interact(() -> button(discard, "Discard changes").fire());
        waitUntil(30, () -> robot.lookup("#titleField").tryQuery().isEmpty());
    }

    /** The embedded server as the app left it: the port in postmaster.pid, the password in its file. */
    private Connection embeddedDatabase() throws Exception {
        List<String> pid = Files.readAllLines(dataFolder.resolve("pgdata/postmaster.pid"), StandardCharsets.UTF_8);
        String password = Files.readString(dataFolder.resolve("embedded-password"), StandardCharsets.UTF_8).strip();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres",
                "postgres", password);
    }

    /** The Diagnostics view and each of its sections, once their tables have been read. */
    private void diagnostics() throws Exception {
        view("diagnostics");
        waitUntil(30, () -> !UiTestSupport.table(robot, "#sessionsTable").getItems().isEmpty()
                && !UiTestSupport.table(robot, "#relationsTable").getItems().isEmpty()
                && !UiTestSupport.table(robot, "#migrationsTable").getItems().isEmpty());
        String[][] sections = {{"slowTab", "13-diagnostics.png"}, {"sessionsTab", "14-diagnostics-sessions.png"},
            {"relationsTab", "15-diagnostics-tables.png"}, {"topTab", "16-diagnostics-top-statements.png"},
            {"schemaTab", "17-diagnostics-schema.png"}};
        for (String[] section : sections) {
            UiTestSupport.showTab(robot, section[0]);
            save(section[1]);
        }
    }

    private void view(String id) {
        TabPane views = robot.lookup(".tab-pane").queryAs(TabPane.class);
        robot.interact(() -> views.getSelectionModel().select(
                views.getTabs().stream().filter(tab -> id.equals(tab.getId())).findFirst().orElseThrow()));
    }

    private MenuItem menuItem(String id) {
        return robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().stream()
                .flatMap(menu -> menu.getItems().stream()).filter(item -> id.equals(item.getId()))
                .findFirst().orElseThrow();
    }

    private TextInputControl text(String query) {
        return robot.lookup(query).queryTextInputControl();
    }

    private static Button button(DialogPane pane, String text) {
        for (ButtonType type : pane.getButtonTypes()) {
            if (type.getText().equals(text)) {
                return (Button) pane.lookupButton(type);
            }
        }
        throw new IllegalStateException("No button " + text);
    }

    private void closeDialog(String id) {
        DialogPane pane = robot.lookup(id).queryAs(DialogPane.class);
        robot.interact(() -> ((Button) pane.lookupButton(pane.getButtonTypes().get(0))).fire());
    }

    /** Closes a form with its window's close button, as a user would; a changed form asks first, then discards. */
    private void closeWindowOf(String query) throws Exception {
        Node node = robot.lookup(query).query();
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#cancelButton").queryButton().fire());
        waitUntil(10, () -> robot.lookup("#discardDialog").tryQuery().isPresent()
                || robot.lookup(query).tryQuery().isEmpty());
        Optional<Node> discard = robot.lookup("#discardDialog").tryQuery();
        if (discard.isPresent()) {
            DialogPane pane = (DialogPane) discard.get();
            robot.interact(() -> button(pane, "Discard changes").fire());
        }
        waitUntil(10, () -> node.getScene() == null || !node.getScene().getWindow().isShowing());
    }

    /**
     * An error dialog from a slow start (on a machine so busy that the pool's 5 s connection timeout
     * passes) is not what the pictures are for: it is printed and closed.
     */
    private void dismissErrors() {
        robot.lookup("#errorDialog").queryAll().forEach(node -> {
            DialogPane pane = (DialogPane) node;
            System.out.println("ScreenTour: closed an error dialog: " + pane.getHeaderText());
            robot.interact(() -> pane.getScene().getWindow().hide());
        });
    }

    /** The whole screen (the window fills it, dialogs and menus on top), once the frame is painted. */
    private void save(String name) throws Exception {
        dismissErrors();
        WaitForAsyncUtils.waitForFxEvents();
        awaitPulses(10); // the scene laid out and painted a few times over, menus and dialogs included
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = new Robot().getScreenCapture(null, new Rectangle2D(0, 0, WIDTH, HEIGHT), false));
        write(shot[0], out.resolve(name));
        System.out.println("ScreenTour: saved " + out.resolve(name));
    }

    private static void write(WritableImage image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", file.toFile());
    }

    private static void waitUntil(int seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            try {
                return condition.getAsBoolean();
            } catch (EmptyNodeQueryException notThereYet) {
                return false;
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Until the FX thread has run {@code count} pulses after now (each pulse lays out and paints). */
    private static void awaitPulses(int count) throws Exception {
        java.util.concurrent.CountDownLatch pulses = new java.util.concurrent.CountDownLatch(count);
        javafx.animation.AnimationTimer[] timer = new javafx.animation.AnimationTimer[1];
        javafx.application.Platform.runLater(() -> {
            timer[0] = new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulses.countDown();
                }
            };
            timer[0].start();
        });
        try {
            if (!pulses.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the FX thread ran no pulses for 10 s");
            }
        } finally {
            javafx.application.Platform.runLater(() -> timer[0].stop());
        }
    }
}
