package io.postdesk.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * Keeps the content of the tabs that are not on top out of the scene for the first moments of a
 * start, and puts it back later. The views are all built (their controllers work as ever: they load
 * their data, hear the navigator); only their skins, CSS and layout wait. Those were most of the FX
 * thread's work before the first page of posts (users, history and the diagnostics' charts and
 * tables, laid out though hidden), and the first page waits for that thread.
 *
 * <p>A held tab gets its content back as soon as it is selected, so nobody ever sees an empty tab;
 * the others one after the other, a pulse apart, once {@link #release()} is called (when the first
 * page is on screen).
 */
public final class DeferredTabs {
    private final TabPane pane;
    private final Map<Tab, Node> held = new LinkedHashMap<>();

    private DeferredTabs(TabPane pane) {
        this.pane = pane;
    }

    /** Takes the content out of every tab of {@code pane} but the selected one; call on the FX thread. */
    public static DeferredTabs holdUnselected(TabPane pane) {
        DeferredTabs tabs = new DeferredTabs(pane);
        Tab selected = pane.getSelectionModel().getSelectedItem();
        for (Tab tab : pane.getTabs()) {
            if (tab != selected && tab.getContent() != null) {
                tabs.held.put(tab, tab.getContent());
                tab.setContent(null);
            }
        }
        pane.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> tabs.putBack(tab));
        return tabs;
    }

    /** True while {@code tab}'s content is held back. */
    public boolean isHeld(Tab tab) {
        return held.containsKey(tab);
    }

    /**
     * Puts the held contents back, one per pulse so the window keeps answering in between; runs
     * later on the FX thread, whatever thread calls it. Calling it again does nothing more.
     */
    public void release() {
        Platform.runLater(() -> putBackEach(new ArrayDeque<>(held.keySet())));
    }

    private void putBackEach(Deque<Tab> tabs) {
        Tab next = tabs.poll();
        if (next == null) {
            return;
        }
        boolean changed = putBack(next);
        if (pane.getScene() == null || !changed) {
            putBackEach(tabs);
        } else {
            FirstPaint.afterFirstLayout(pane.getScene(), () -> Platform.runLater(() -> putBackEach(tabs)));
        }
    }

    private boolean putBack(Tab tab) {
        Node content = held.remove(tab);
        if (content == null) {
            return false;
        }
        tab.setContent(content);
        return true;
    }
}
