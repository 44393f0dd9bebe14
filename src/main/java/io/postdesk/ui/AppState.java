package io.postdesk.ui;

import io.postdesk.model.Health;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** What the whole window shares: the connection and the latest health check. FX thread only. */
public final class AppState {
    private final String databaseName;
    private final ObjectProperty<ConnectionStatus> connection =
            new SimpleObjectProperty<>(new ConnectionStatus.Working("Starting…"));
    private final ObjectProperty<Health> health = new SimpleObjectProperty<>();

    public AppState(String databaseName) {
        this.databaseName = databaseName;
    }

    /** "embedded" or user@host/db: never a password. */
    public String databaseName() {
        return databaseName;
    }

    public ReadOnlyObjectProperty<ConnectionStatus> connectionProperty() {
        return connection;
    }

    public ConnectionStatus connection() {
        return connection.get();
    }

    void setConnection(ConnectionStatus status) {
        connection.set(status);
    }

    public ReadOnlyObjectProperty<Health> healthProperty() {
        return health;
    }

    void setHealth(Health value) {
        health.set(value);
    }
}
