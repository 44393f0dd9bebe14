package io.postdesk.ui;

import io.postdesk.model.Health;
import io.postdesk.model.Rights;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** What the whole window shares: the connection and the latest health check. FX thread only. */
public final class AppState {
    /** Changes when the user switches to another connection (File > Connect…). */
    private final javafx.beans.property.StringProperty databaseName = new javafx.beans.property.SimpleStringProperty();
    private final ObjectProperty<ConnectionStatus> connection =
            new SimpleObjectProperty<>(new ConnectionStatus.Working("Starting…"));
    private final ObjectProperty<Health> health = new SimpleObjectProperty<>();
    private final ObjectProperty<Rights> rights = new SimpleObjectProperty<>(NO_RIGHTS_YET);

    /** Until the check has answered, nothing may be written. */
    static final Rights NO_RIGHTS_YET = new Rights(false, false, false, false, false, false, true,
            "still checking what your role may do.");

    private final io.postdesk.ui.common.LiveChanges liveChanges = new io.postdesk.ui.common.LiveChanges(connection);

    public AppState(String databaseName) {
        this.databaseName.set(databaseName);
    }

    /** Other writers' changes to users and posts, as they commit (issue 15). */
    public io.postdesk.ui.common.LiveChanges liveChanges() {
        return liveChanges;
    }

    /** "embedded" or user@host/db: never a password. */
    public String databaseName() {
        return databaseName.get();
    }

    public javafx.beans.value.ObservableStringValue databaseNameProperty() {
        return databaseName;
    }

    void setDatabaseName(String name) {
        databaseName.set(name);
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

    /** What the connected role may do; controls bind their disable state and tooltips to it. */
    public ReadOnlyObjectProperty<Rights> rightsProperty() {
        return rights;
    }

    public Rights rights() {
        return rights.get();
    }

    void setRights(Rights value) {
        rights.set(value);
    }

    public ReadOnlyObjectProperty<Health> healthProperty() {
        return health;
    }

    void setHealth(Health value) {
        health.set(value);
    }
}
