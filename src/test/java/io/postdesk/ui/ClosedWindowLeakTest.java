package io.postdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.testing.TestDatabase;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A closed window can be collected: nothing running (a Diagnostics refresh timer, a lock-wait watch,
 * a health check) or registered on something that lives on (the stage) keeps it, its views, rows
 * and database pool. Every window the UI tests opened used to stay in the test JVM (about 20 MB
 * each: 780 MB by the end, and 1 GB of heap was not enough).
 */
class ClosedWindowLeakTest {
    private static TestDatabase db;
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('alice', 'alice@example.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'Hello', 'text', true FROM users");
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void aClosedWindowWithItsDiagnosticsShownIsCollected() throws Exception {
        WeakReference<Application> closed = openUseAndClose();

        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
                System.gc();
                WaitForAsyncUtils.waitForFxEvents(); // a pulse lets the toolkit drop what it held for the last frame
                return closed.get() == null;
            });
        } catch (java.util.concurrent.TimeoutException stillReachable) {
            dumpHeap();
        }
        assertThat(closed.get()).as("the closed window's App is still reachable; target/closed-window.hprof shows"
                + " from where (the path from a GC root to io.postdesk.App)").isNull();
    }

    private static void dumpHeap() throws java.io.IOException {
        Path dump = Path.of("target", "closed-window.hprof");
        java.nio.file.Files.deleteIfExists(dump);
        java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .dumpHeap(dump.toString(), true);
    }

    /** In a method of its own, so no local variable of the test keeps the App. */
    private WeakReference<Application> openUseAndClose() throws Exception {
        Application app = UiTestSupport.start(db.urlText(), dataFolder, java.util.Map.of());
        UiTestSupport.waitUntil(() -> UiTestSupport.table(robot, "#postsTable").getItems().size() == 1);
        // The Diagnostics tab starts its refresh timer; the views ran their tasks with lock-wait watches.
        UiTestSupport.showTab(robot, "diagnostics");
        UiTestSupport.waitUntil(() -> UiTestSupport.text(robot, "#diagnosticsUpdated").startsWith("Updated "));
        UiTestSupport.closeAll(robot, app);
        return new WeakReference<>(app);
    }
}
