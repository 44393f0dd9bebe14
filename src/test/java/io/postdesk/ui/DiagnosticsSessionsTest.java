package io.postdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.Diagnostics;
import io.postdesk.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Issue 16: Cancel statement and Terminate session in Diagnostics > Sessions really reach the
 * server: the other session's statement fails with "canceling statement due to user request", and
 * a terminated session is gone from the server.
 */
class DiagnosticsSessionsTest {
    private static TestDatabase db;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            UiTestSupport.closeAll(robot, app);
        }
    }

    @Test
    void cancelStopsAnotherSessionsStatementAndTerminateEndsTheSession() throws Exception {
        Connection victim = db.dataSource().getConnection();
        try {
            int pid = backendPid(victim);
            CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> {
                try (Statement st = victim.createStatement()) {
                    st.execute("SELECT pg_sleep(120)");
                    return "finished";
                } catch (SQLException e) {
                    return e.getSQLState();
                }
            });
            app = UiTestSupport.start(db.urlText(), dataFolder, Map.of());
            UiTestSupport.showTab(robot, "diagnostics");
            UiTestSupport.showTab(robot, "sessionsTab");

            selectSession(pid);
            robot.clickOn("#cancelSessionButton");
            robot.clickOn("#confirmAction");

            assertThat(sleeping.get(30, TimeUnit.SECONDS)).as("SQLSTATE of the cancelled statement")
                    .isEqualTo("57014"); // query_canceled
            UiTestSupport.waitUntil(() -> UiTestSupport.text(robot, "#signalReason")
                    .equals("The statement of session " + pid + " was cancelled."));
            assertThat(isConnected(pid)).as("a cancel leaves the session").isTrue();

            selectSession(pid);
            robot.clickOn("#terminateSessionButton");
            robot.clickOn("#confirmAction");

            UiTestSupport.waitUntil(() -> !isConnected(pid));
            UiTestSupport.waitUntil(() -> UiTestSupport.text(robot, "#signalReason")
                    .equals("Session " + pid + " was ended."));
            assertThat(victim.isValid(5)).as("the terminated session's connection is dead").isFalse();
        } finally {
            try {
                victim.close();
            } catch (SQLException terminated) {
                // the pool's proxy cannot reset a connection the server has ended: expected after Terminate
            }
        }
    }

    /** Clicks the session's row, as a user would, once the view (refreshed every 2 s) lists it. */
    private void selectSession(int pid) throws Exception {
        TableView<Diagnostics.Session> sessions = UiTestSupport.table(robot, "#sessionsTable");
        UiTestSupport.waitUntil(() -> sessions.getItems().stream().anyMatch(s -> s.pid() == pid));
        robot.interact(() -> sessions.scrollTo(sessions.getItems().stream().filter(s -> s.pid() == pid)
                .findFirst().orElseThrow()));
        UiTestSupport.waitUntil(() -> {
            Diagnostics.Session selected = sessions.getSelectionModel().getSelectedItem();
            if (selected != null && selected.pid() == pid) {
                return true;
            }
            // Clicked again when a refresh replaced the rows between finding the row and the click
            // (the row under the pointer then held another session, which the refreshes keep selected).
            Node row = row(sessions, pid);
            if (row != null) {
                robot.clickOn(row);
            }
            return false;
        });
    }

    @SuppressWarnings("unchecked")
    private Node row(TableView<Diagnostics.Session> sessions, int pid) {
        return robot.from(sessions).lookup(".table-row-cell").match(node -> node instanceof TableRow<?> row
                && row.getItem() instanceof Diagnostics.Session s && s.pid() == pid).tryQuery().orElse(null);
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean isConnected(int pid) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid)) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
