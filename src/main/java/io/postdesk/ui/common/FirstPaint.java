package io.postdesk.ui.common;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * Says when a table's first rows are on screen, for the start-up record: the rows arrive, a
 * pulse lays them out (a visible row cell shows the first row), and the next pulse begins. The
 * frame itself is painted by the render thread right after the layout pulse; asking for the next
 * pulse is how the FX thread sees that the frame went out.
 */
public final class FirstPaint {
    /** About five seconds of frames: a table that is not laid out by then is not on screen. */
    private static final int MAX_PULSES = 300;

    private final TableView<?> table;
    private final Runnable onRows;
    private final Runnable onPainted;
    private Scene scene;
    private boolean laidOut;
    private boolean done;
    private int pulses;

    private final Runnable checkLayout = this::checkLayout;
    private final AnimationTimer nextPulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (laidOut) {
                finish(true);
            } else if (++pulses > MAX_PULSES) {
                finish(false);
            }
        }
    };

    private FirstPaint(TableView<?> table, Runnable onRows, Runnable onPainted) {
        this.table = table;
        this.onRows = onRows;
        this.onPainted = onPainted;
    }

    /**
     * Watches {@code table} (already in its scene) until its first non-empty page is painted.
     *
     * @param onRows    runs when the rows are set, before any pulse has laid them out
     * @param onPainted runs once, on the pulse after the one that laid the rows out; never when the
     *                  table is not on screen then (another tab on top)
     */
    public static void watch(TableView<?> table, Runnable onRows, Runnable onPainted) {
        FirstPaint watch = new FirstPaint(table, onRows, onPainted);
        ListChangeListener<Object> arrived = new ListChangeListener<>() {
            @Override
            public void onChanged(Change<?> change) {
                if (!table.getItems().isEmpty()) {
                    table.getItems().removeListener(this);
                    watch.rowsArrived();
                }
            }
        };
        table.getItems().addListener(arrived);
    }

    /**
     * Runs {@code then} once, when the next pulse has laid {@code scene} out: the render thread
     * draws that frame right after. Not a later pulse: in a real launch the views are built on the
     * FX thread just after the window shows, and a later pulse waits for them.
     */
    public static void afterFirstLayout(Scene scene, Runnable then) {
        Runnable[] once = new Runnable[1];
        boolean[] ran = {false};
        once[0] = () -> {
            if (!ran[0]) {
                ran[0] = true;
                // Removed after the pulse: the scene may be going through its listeners right now.
                Platform.runLater(() -> scene.removePostLayoutPulseListener(once[0]));
                then.run();
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private void rowsArrived() {
        onRows.run();
        scene = table.getScene();
        if (scene == null || !treeVisible(table)) {
            return;
        }
        scene.addPostLayoutPulseListener(checkLayout);
        nextPulse.start(); // asks for pulses until done, whatever else is (not) going on
    }

    private void checkLayout() {
        if (!laidOut && showsFirstRow()) {
            laidOut = true;
        }
    }

    private void finish(boolean painted) {
        if (done) {
            return;
        }
        done = true;
        nextPulse.stop();
        scene.removePostLayoutPulseListener(checkLayout);
        if (painted) {
            onPainted.run();
        }
    }

    private boolean showsFirstRow() {
        return showsFirstRow(table);
    }

    /** A visible row cell shows the table's first row: the rows are laid out, not only set. */
    public static boolean showsFirstRow(TableView<?> table) {
        if (table.getItems().isEmpty() || !treeVisible(table)) {
            return false;
        }
        Object first = table.getItems().get(0);
        return table.lookupAll(".table-row-cell").stream()
                .anyMatch(node -> node instanceof TableRow<?> row && row.isVisible() && first.equals(row.getItem()));
    }

    /** Visible itself and in every parent: a table in an unselected tab is not on screen. */
    private static boolean treeVisible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
