package io.postdesk.ui.connections;

import io.postdesk.config.ConfigurationException;
import io.postdesk.config.ConnectionStore;
import io.postdesk.config.PasswordSources;
import io.postdesk.config.SavedConnection;
import io.postdesk.config.SslMode;
import io.postdesk.service.ConnectionCheck;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.Tasks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * File > Connect…: the saved connections and the embedded database, with New, Edit, Duplicate,
 * Delete, Test Connection and Connect. The fields are locked until New, Edit or Duplicate; Save
 * writes them to the user's config folder (no password: that goes to the keychain, or is kept for
 * the session where there is none). Keychain and network work runs on the background executor.
 */
public final class ConnectionsController {
    /** One row of the list: a saved connection, or the embedded database (null). */
    record Entry(SavedConnection saved) {
        boolean embedded() {
            return saved == null;
        }

        String name() {
            return embedded() ? ConnectionStore.EMBEDDED_NAME : saved.name();
        }
    }

    private final ConnectionStore store;
    private final PasswordSources passwords;
    private final Tasks tasks;
    private final Dialogs dialogs;
    private final String current;
    private String connectAtOnce;
    private final Path embeddedFolder;
    private final Duration testTimeout;
    private final Predicate<Choice> connectTo;
    private final BooleanProperty editing = new SimpleBooleanProperty();
    private final BooleanProperty working = new SimpleBooleanProperty();
    /** The name of the connection being edited; null for a new one. */
    private String editingName;
    private String keychainAbsence;
    Stage stage;

    @FXML
    private ListView<Entry> list;
    @FXML
    private Button newButton;
    @FXML
    private Button editButton;
    @FXML
    private Button duplicateButton;
    @FXML
    private Button deleteButton;
    @FXML
    private Label embeddedText;
    @FXML
    private VBox form;
    @FXML
    private ConnectionForm fieldsController;
    @FXML
    private Label keychainNote;
    @FXML
    private Label formMessage;
    @FXML
    private Button saveButton;
    @FXML
    private Button cancelEditButton;
    @FXML
    private Label testResult;
    @FXML
    private Button testButton;
    @FXML
    private Button connectButton;

    /**
     * @param current   the name of the connection open now (marked in the list)
     * @param connectTo switches to the choice; false when the user backed out (unsaved forms)
     */
    public ConnectionsController(ConnectionStore store, PasswordSources passwords, Tasks tasks, Dialogs dialogs,
                                 String current, Path embeddedFolder, Duration testTimeout, Predicate<Choice> connectTo) {
        this.store = store;
        this.passwords = passwords;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.current = current;
        this.embeddedFolder = embeddedFolder;
        this.testTimeout = testTimeout;
        this.connectTo = connectTo;
    }

    /**
     * {@code postdesk --connection NAME}: the dialog opens on that saved connection and connects at
     * once, as its Connect button would (the password from the keychain or .pgpass, else asked for
     * here), so the window opens on it.
     */
    public ConnectionsController connectingAtOnce(String name) {
        this.connectAtOnce = name;
        return this;
    }

    @FXML
    private void initialize() {
        list.setCellFactory(view -> new EntryCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> {
            if (!editing.get() && entry != null) {
                show(entry);
            }
        });
        var selectedIsEmbedded = Bindings.createBooleanBinding(() -> selected().map(Entry::embedded).orElse(true),
                list.getSelectionModel().selectedItemProperty());
        newButton.disableProperty().bind(editing);
        editButton.disableProperty().bind(editing.or(selectedIsEmbedded));
        duplicateButton.disableProperty().bind(editing.or(selectedIsEmbedded));
        deleteButton.disableProperty().bind(editing.or(selectedIsEmbedded));
        list.disableProperty().bind(editing);
        fieldsController.lockUnless(editing, formMessage::setText);
        saveButton.visibleProperty().bind(editing);
        cancelEditButton.visibleProperty().bind(editing);
        embeddedText.visibleProperty().bind(selectedIsEmbedded.and(editing.not()));
        form.visibleProperty().bind(embeddedText.visibleProperty().not());
        testButton.disableProperty().bind(working.or(embeddedText.visibleProperty()));
        connectButton.disableProperty().bind(working);
        embeddedText.setText("PostDesk's own PostgreSQL database, in " + embeddedFolder
                + ". Always available: PostDesk starts it when you connect.");
        lookForKeychain();
        if (connectAtOnce != null) {
            reload(connectAtOnce);
            if (selected().map(entry -> entry.name().equalsIgnoreCase(connectAtOnce)).orElse(false)) {
                connect();
            }
        } else {
            reload(store.lastUsed().orElse(current));
        }
    }

    /** The keychain is looked for once (D-Bus may be slow); until it answers, "Save in the keychain" waits. */
    private void lookForKeychain() {
        fieldsController.setRememberText("Save in the keychain");
        tasks.run("Looking for the keychain", () -> Optional.ofNullable(passwords.keychain().absence()))
                .onSuccess(absence -> {
                    keychainAbsence = absence.orElse(null);
                    if (absence.isPresent()) {
                        fieldsController.setRememberText("Remember for this session");
                        keychainNote.setText(absence.get());
                    } else {
                        keychainNote.setText("Passwords are kept in the system keychain, never in PostDesk's files.");
                    }
                    fitWindow(); // the note's lines came after the window took its size
                })
                .onError(message -> keychainNote.setText(message))
                .start();
    }

    private void fitWindow() {
        if (stage != null && stage.isShowing()) {
            stage.sizeToScene();
        }
    }

    private void reload(String select) {
        list.getItems().setAll(new Entry(null));
        store.load().forEach(saved -> list.getItems().add(new Entry(saved)));
        Entry chosen = list.getItems().stream().filter(entry -> entry.name().equalsIgnoreCase(select == null ? "" : select))
                .findFirst().orElse(list.getItems().get(0));
        list.getSelectionModel().select(chosen);
        list.scrollTo(chosen);
        show(chosen);
    }

    private Optional<Entry> selected() {
        return Optional.ofNullable(list.getSelectionModel().getSelectedItem());
    }

    private void show(Entry entry) {
        formMessage.setText("");
        testResult.setText("");
        testResult.getStyleClass().removeAll("test-ok", "test-failed");
        fieldsController.clearSecrets();
        if (entry.embedded()) {
            return;
        }
        fieldsController.fill(entry.saved());
        fieldsController.setPasswordPrompt("saved, .pgpass, or asked");
    }

    @FXML
    private void newConnection() {
        startEditing(null);
        fieldsController.fill(new SavedConnection("", "localhost", 5432, "", "", SslMode.PREFER, "", false,
                SavedConnection.DEFAULT_POOL_SIZE));
        fieldsController.setPassword("");
        fieldsController.focusName(false);
    }

    @FXML
    private void edit() {
        selected().filter(entry -> !entry.embedded()).ifPresent(entry -> {
            startEditing(entry.name());
            fieldsController.focusName(false);
        });
    }

    @FXML
    private void duplicate() {
        selected().filter(entry -> !entry.embedded()).ifPresent(entry -> {
            startEditing(null);
            fieldsController.fill(entry.saved().named(freeName("Copy of " + entry.name())));
            fieldsController.focusName(true);
        });
    }

    private String freeName(String wanted) {
        String name = wanted;
        for (int n = 2; store.find(name).isPresent(); n++) {
            name = wanted + " " + n;
        }
        return name;
    }

    private void startEditing(String name) {
        editingName = name;
        formMessage.setText("");
        testResult.setText("");
        fieldsController.setPasswordPrompt("");
        editing.set(true);
    }

    @FXML
    private void cancelEdit() {
        editing.set(false);
        selected().ifPresent(this::show);
    }

    @FXML
    private void delete() {
        selected().filter(entry -> !entry.embedded()).ifPresent(entry -> {
            if (!dialogs.confirm("Delete the connection \"" + entry.name() + "\"?",
                    "Its saved password is removed from the keychain too. The database itself is not touched.",
                    "Delete")) {
                return;
            }
            store.delete(entry.name());
            String name = entry.name();
            tasks.run("Removing the saved password", () -> {
                passwords.forget(name);
                return null;
            }).onError(message -> { }).start();
            reload(null);
        });
    }

    /** Saves the fields; empty (with the reason shown) when they are not right. */
    private Optional<SavedConnection> saveFields() {
        SavedConnection connection;
        try {
            connection = fieldsController.read();
            store.save(editingName, connection);
        } catch (ConfigurationException e) {
            formMessage.setText(e.getMessage());
            return Optional.empty();
        } catch (java.io.UncheckedIOException e) {
            formMessage.setText("The connection could not be saved: " + e.getMessage());
            return Optional.empty();
        }
        String previous = editingName;
        editing.set(false);
        String typed = fieldsController.password();
        boolean keep = fieldsController.rememberPassword() && !typed.isEmpty();
        if (previous != null && !previous.equalsIgnoreCase(connection.name()) || keep) {
            tasks.run("Keeping the password", () -> {
                if (previous != null && !previous.equalsIgnoreCase(connection.name())) {
                    passwords.forget(previous); // renamed: the old name's entry must not linger
                }
                return keep ? passwords.keep(connection, typed) : null;
            }).onSuccess(where -> {
                if (where != null) {
                    keychainNote.setText("The password is kept in " + where + ".");
                }
            }).onError(formMessage::setText).start();
        }
        reload(connection.name());
        fieldsController.setPassword(typed); // still usable for Test and Connect right after saving
        return Optional.of(connection);
    }

    @FXML
    private void save() {
        saveFields();
    }

    @FXML
    private void test() {
        SavedConnection connection;
        try {
            connection = editing.get() ? fieldsController.read() : selected().map(Entry::saved).orElseThrow();
        } catch (ConfigurationException e) {
            formMessage.setText(e.getMessage());
            return;
        }
        String typed = fieldsController.password();
        working.set(true);
        showResult(null, "Testing " + connection.displayName() + "…");
        tasks.run("Testing the connection", () -> {
                    String password = typed.isEmpty()
                            ? passwords.find(connection).map(PasswordSources.Found::password).orElse("") : typed;
                    return ConnectionCheck.test(connection.url(password), testTimeout);
                })
                .onSuccess(result -> showResult(result.connected(), result.message()))
                .onError(message -> showResult(false, message))
                .andFinally(() -> working.set(false))
                .start();
    }

    private void showResult(Boolean ok, String message) {
        testResult.getStyleClass().removeAll("test-ok", "test-failed");
        if (ok != null) {
            testResult.getStyleClass().add(ok ? "test-ok" : "test-failed");
        }
        testResult.setText((ok == null ? "" : ok ? "✔ " : "✖ ") + message);
    }

    @FXML
    private void connect() {
        if (editing.get() && saveFields().isEmpty()) {
            return;
        }
        Entry entry = selected().orElse(null);
        if (entry == null) {
            return;
        }
        if (entry.embedded()) {
            choose(Choice.EMBEDDED);
            return;
        }
        SavedConnection connection = entry.saved();
        String typed = fieldsController.password();
        working.set(true);
        showResult(null, "Connecting to " + connection.displayName() + "…");
        tasks.run("Looking for the password", () -> {
                    var found = typed.isEmpty() ? passwords.find(connection).map(PasswordSources.Found::password)
                            : Optional.of(typed);
                    // One login first: a wrong or missing password is asked for here, not found out by the views.
                    return found.map(password -> new Login(password, ConnectionCheck.test(connection.url(password),
                            testTimeout)));
                })
                .onSuccess(login -> {
                    if (login.isEmpty()) {
                        askPassword(connection, null);
                    } else if (login.get().result().sslSettingsWrong()) {
                        // A pool would retry for ever with the same settings: the dialog stays, saying why.
                        showResult(false, login.get().result().message());
                    } else if (!login.get().refused()) {
                        if (!typed.isEmpty()) {
                            passwords.rememberForSession(connection, typed); // the pool reconnects with it; gone at quit
                        }
                        choose(new Choice(connection, login.get().password()));
                    } else if (!typed.isEmpty()) {
                        showResult(false, login.get().result().message()); // the field is right there to correct
                    } else {
                        passwords.forgetForSession(connection); // a remembered password that no longer works
                        askPassword(connection, login.get().result().message());
                    }
                })
                .onError(message -> showResult(false, message))
                .andFinally(() -> working.set(false))
                .start();
    }

    /** A password tried once before the switch; {@code refused} when the server said no to it. */
    private record Login(String password, ConnectionCheck.Result result) {
        boolean refused() {
            return result.kind() == ConnectionCheck.Kind.WRONG_PASSWORD || result.kind() == ConnectionCheck.Kind.NO_PASSWORD;
        }

        @Override
        public String toString() {
            return "Login[" + result.kind() + "]";
        }
    }

    private void askPassword(SavedConnection connection, String why) {
        if (why != null) {
            showResult(false, why);
        }
        PasswordPrompt.ask(stage, connection, keychainAbsence).ifPresent(answer -> {
            if (answer.rememberForSession()) {
                passwords.rememberForSession(connection, answer.password());
            }
            choose(new Choice(connection, answer.password()));
        });
    }

    private void choose(Choice choice) {
        if (connectTo.test(choice)) {
            try {
                store.rememberLastUsed(choice.name());
            } catch (java.io.UncheckedIOException e) {
                org.slf4j.LoggerFactory.getLogger(ConnectionsController.class)
                        .warn("Could not remember the last connection: {}", e.getMessage());
            }
            stage.close();
        }
    }

    @FXML
    private void close() {
        stage.close();
    }

    /** Two lines: the name (● for the open one) and where it points. */
    private final class EntryCell extends ListCell<Entry> {
        @Override
        protected void updateItem(Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setText(null);
                return;
            }
            String mark = entry.name().equalsIgnoreCase(current) ? "● " : "";
            String where = entry.embedded() ? "built into PostDesk" : entry.saved().displayName()
                    + (entry.saved().readOnly() ? " · read-only" : "");
            setText(mark + entry.name() + "\n" + where);
            setMnemonicParsing(false);
        }
    }
}
