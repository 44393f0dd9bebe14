package io.postdesk.ui.common;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The window's size and position across restarts, kept on a screen that still exists. */
public final class WindowPlacement {
    private WindowPlacement() {
    }

    public static void restore(Stage stage, UiState state) {
        double width = state.getDouble("window.width").orElse(1200.0);
        double height = state.getDouble("window.height").orElse(780.0);
        stage.setWidth(width);
        stage.setHeight(height);
        state.getDouble("window.x").ifPresent(x -> state.getDouble("window.y").ifPresent(y -> {
            // A window saved on a monitor that is gone would open out of sight.
            boolean visible = !Screen.getScreensForRectangle(new Rectangle2D(x, y, Math.min(width, 200), 50)).isEmpty();
            if (visible) {
                stage.setX(x);
                stage.setY(y);
            }
        }));
        stage.setMaximized(state.get("window.maximized").map(Boolean::parseBoolean).orElse(false));
    }

    /**
     * Saves the placement whenever the window moves, resizes or is maximized (the state debounces the
     * writes). Returns what stops that: the listeners hold the state, and a stage that outlives the
     * window's contents (a test's shared stage) would keep every state it was given.
     */
    public static Runnable remember(Stage stage, UiState state) {
        javafx.beans.InvalidationListener save = obs -> save(stage, state);
        List<javafx.beans.Observable> watched = List.of(stage.xProperty(), stage.yProperty(), stage.widthProperty(),
                stage.heightProperty(), stage.maximizedProperty());
        watched.forEach(property -> property.addListener(save));
        return () -> watched.forEach(property -> property.removeListener(save));
    }

    public static void save(Stage stage, UiState state) {
        state.put("window.maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized() && !stage.isIconified()) {
            state.put("window.x", stage.getX());
            state.put("window.y", stage.getY());
            state.put("window.width", stage.getWidth());
            state.put("window.height", stage.getHeight());
        }
    }
}
