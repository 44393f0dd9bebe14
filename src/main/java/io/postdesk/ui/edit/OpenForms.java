package io.postdesk.ui.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;

/**
 * The form windows that are open, by record: opening a record twice brings its form to the
 * front instead of a second copy, and quitting asks first when any form has unsaved changes.
 */
public final class OpenForms {
    private record Entry(Stage window, BooleanSupplier dirty) {
    }

    private final Map<Object, Entry> forms = new HashMap<>();

    /** Brings an open form for {@code key} to the front; false when there is none. */
    boolean focus(Object key) {
        Entry entry = key == null ? null : forms.get(key);
        if (entry == null) {
            return false;
        }
        entry.window().toFront();
        entry.window().requestFocus();
        return true;
    }

    void add(Object key, Stage window, BooleanSupplier dirty) {
        Object id = key == null ? new Object() : key;
        forms.put(id, new Entry(window, dirty));
        window.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, event -> forms.remove(id));
    }

    /** How many open forms hold changes that are not saved. */
    public int unsaved() {
        return (int) forms.values().stream().filter(entry -> entry.dirty().getAsBoolean()).count();
    }

    /** Closes every form without asking (the user chose to quit). */
    public void closeAll() {
        List<Entry> open = new ArrayList<>(forms.values());
        open.forEach(entry -> entry.window().close());
    }
}
