package io.postdesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The tabs not on top wait out of the scene, come back when chosen, and all come back when released. */
class DeferredTabsTest {
    private final FxRobot robot = new FxRobot();
    private Label postsView;
    private Label usersView;
    private Label historyView;
    private Tab posts;
    private Tab users;
    private Tab history;
    private TabPane pane;
    private DeferredTabs held;

    @BeforeEach
    void show() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        robot.interact(() -> {
            postsView = new Label("posts"); // controls only once the toolkit runs
            usersView = new Label("users");
            historyView = new Label("history");
            posts = new Tab("Posts", postsView);
            users = new Tab("Users", usersView);
            history = new Tab("History", historyView);
            pane = new TabPane(posts, users, history);
            held = DeferredTabs.holdUnselected(pane);
            stage.setScene(new Scene(pane, 400, 300));
            stage.show();
        });
    }

    @Test
    void onlyTheTabOnTopIsInTheScene() {
        assertThat(posts.getContent()).isSameAs(postsView);
        assertThat(users.getContent()).isNull();
        assertThat(history.getContent()).isNull();
        assertThat(held.isHeld(users)).isTrue();
        assertThat(usersView.getScene()).isNull();
        assertThat(postsView.getScene()).isNotNull();
    }

    @Test
    void aChosenTabGetsItsContentAtOnce() {
        robot.interact(() -> {
            pane.getSelectionModel().select(users);
            assertThat(users.getContent()).isSameAs(usersView); // before any pulse
        });
        assertThat(held.isHeld(users)).isFalse();
        assertThat(history.getContent()).isNull();
    }

    @Test
    void releasedTabsAllComeBackAndStayPut() throws Exception {
        robot.interact(() -> pane.getSelectionModel().select(history));
        held.release();
        held.release(); // twice (first page and the fallback timer): no harm
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> users.getContent() == usersView);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(history.getContent()).isSameAs(historyView);
        assertThat(posts.getContent()).isSameAs(postsView);
        assertThat(usersView.getScene()).isNotNull();
        assertThat(held.isHeld(users)).isFalse();
    }
}
