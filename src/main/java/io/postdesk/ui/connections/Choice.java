package io.postdesk.ui.connections;

import io.postdesk.config.ConnectionStore;
import io.postdesk.config.SavedConnection;

/**
 * What the user chose to connect to: the embedded database ({@code saved} null) or a saved
 * connection with the password to use (may be empty). {@link #toString()} never shows the password.
 */
public record Choice(SavedConnection saved, String password) {
    public static final Choice EMBEDDED = new Choice(null, "");

    public boolean embedded() {
        return saved == null;
    }

    public String name() {
        return embedded() ? ConnectionStore.EMBEDDED_NAME : saved.name();
    }

    @Override
    public String toString() {
        return embedded() ? name() : name() + " (" + saved.displayName() + ")";
    }
}
