package io.postdesk.ui;

import io.postdesk.App;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.Settings;
import io.postdesk.ui.csv.ImportFileChooser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.service.query.EmptyNodeQueryException;
import org.testfx.util.WaitForAsyncUtils;

/** Starting PostDesk on a test database and waiting for what a user would wait for. */
final class UiTestSupport {
    private UiTestSupport() {
    }

    static Application start(String databaseUrl, Path dataFolder) throws Exception {
        return start(databaseUrl, dataFolder, ImportFileChooser.PLATFORM);
    }

    /** With the file to import given by {@code importFiles}, as the platform's open dialog cannot be driven headless. */
    static Application start(String databaseUrl, Path dataFolder, ImportFileChooser importFiles) throws Exception {
        // As start(url, folder, settings): a first start in a busy JVM took 30 s (FormsTest's first test at load 20).
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
        FxToolkit.registerPrimaryStage();
        return FxToolkit.setupApplication(() -> new App(new LaunchOptions(databaseUrl, false, false),
                new Settings(Map.of(), Map.of()), dataFolder, importFiles));
    }

    /**
     * Closes every window that has an owner (forms, dialogs) and then the application. A form is a
     * stage of its own: one left open would answer the next test's lookups.
     *
     * <p>Then lets go of what TestFX keeps of it: the primary stage, shared by every test of the JVM,
     * keeps showing the closed window's scene until the next test sets its own (an empty one replaces it) and records the
     * events fired in it, and JavaFX registers every application's parameters in a static map that
     * only a JVM exit empties. Each kept the closed window with its database pool, views and rows.
     * {@link ClosedWindowLeakTest} checks that a closed window can be collected.
     */
    static void closeAll(FxRobot robot, Application app) throws Exception {
        robot.interact(() -> List.copyOf(Window.getWindows()).stream()
                .filter(window -> window instanceof Stage stage && stage.getOwner() != null)
                .forEach(Window::hide));
        FxToolkit.cleanupApplication(app);
        Stage shared = FxToolkit.toolkitContext().getRegisteredStage();
        // An empty scene, not none: Monocle cannot show a window owned by a stage without one.
        robot.interact(() -> shared.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane())));
        // TestFX records every event fired in the stage (holding its target node) until the stage is
        // registered again: this empties the record.
        FxToolkit.toolkitContext().setRegisteredStage(shared);
        forgetParameters(app);
    }

    /**
     * Removes {@code app} from JavaFX's static map of application parameters, where
     * {@link FxToolkit#setupApplication} registers each one (a real launch has one application, so
     * JavaFX never removes it). No API does this: reflection, on the class path JavaFX runs from in tests.
     */
    private static void forgetParameters(Application app) throws ReflectiveOperationException {
        java.lang.reflect.Field params = Class.forName("com.sun.javafx.application.ParametersImpl")
                .getDeclaredField("params");
        params.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<Application, ?> registered = (Map<Application, ?>) params.get(null);
        synchronized (registered) {
            registered.remove(app);
        }
    }

    /**
     * With settings as the environment or .env would give them (POSTDESK_LOCK_TIMEOUT_MS, say). The
     * window gets two minutes to start instead of TestFX's 30 s: the first start in a test JVM (the
     * toolkit, Hibernate) took longer than that on a two-core machine busy with other builds.
     */
    static Application start(String databaseUrl, Path dataFolder, Map<String, String> settings) throws Exception {
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
        FxToolkit.registerPrimaryStage();
        return FxToolkit.setupApplication(() -> new App(new LaunchOptions(databaseUrl, false, false),
                new Settings(settings, Map.of()), dataFolder, ImportFileChooser.PLATFORM));
    }

    /** As {@link #start(String, Path, Map)}, started with --migrate (a server database is migrated without a question). */
    static Application startMigrating(String databaseUrl, Path dataFolder, Map<String, String> settings) throws Exception {
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
        FxToolkit.registerPrimaryStage();
        return FxToolkit.setupApplication(() -> new App(new LaunchOptions(databaseUrl, true, false),
                new Settings(settings, Map.of()), dataFolder, ImportFileChooser.PLATFORM));
    }

    /**
     * Puts the tab {@code id} on top in whichever tab pane has it (the window's views, Diagnostics'
     * sub-tabs). Directly, not with Ctrl+4 or a click on the header: keys go to the focused window,
     * which after another test's dialog was not always this one, and header texts are not unique.
     */
    static void showTab(FxRobot robot, String id) throws Exception {
        robot.interact(() -> robot.lookup(".tab-pane").queryAllAs(javafx.scene.control.TabPane.class)
                .forEach(pane -> pane.getTabs().stream().filter(tab -> id.equals(tab.getId())).findFirst()
                        .ifPresent(tab -> pane.getSelectionModel().select(tab))));
        waitUntil(() -> robot.lookup(".tab-pane").queryAllAs(javafx.scene.control.TabPane.class).stream()
                .anyMatch(pane -> pane.getSelectionModel().getSelectedItem() != null
                        && id.equals(pane.getSelectionModel().getSelectedItem().getId())));
    }

    /**
     * Starts PostDesk and waits for what a user waits for before acting on posts: the posts view
     * shows {@code rows} rows and New is on (the role's rights have been read).
     */
    static Application startOnPosts(FxRobot robot, String databaseUrl, Path dataFolder, Map<String, String> settings,
                                    int rows) throws Exception {
        Application app = start(databaseUrl, dataFolder, settings);
        waitUntil(() -> table(robot, "#postsTable").getItems().size() == rows);
        waitUntil(() -> !robot.lookup("#newPostButton").queryButton().isDisabled());
        return app;
    }

    /** The button labelled {@code text}, in any window (a form, a dialog). */
    static Button button(FxRobot robot, String text) {
        return robot.lookup(".button").match(LabeledMatchers.hasText(text)).queryButton();
    }

    @SuppressWarnings("unchecked")
    static <R> TableView<R> table(FxRobot robot, String id) {
        return (TableView<R>) robot.lookup(id).queryAs(TableView.class);
    }

    static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /**
     * Waits until the condition holds. A node the condition looks up that is not there yet (a form
     * window still opening) means "not yet", not a failure. The limit is generous because it only
     * costs time when a test fails: on a busy two-core machine a window can take many seconds.
     */
    static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            try {
                return condition.getAsBoolean();
            } catch (EmptyNodeQueryException notThereYet) {
                return false;
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
