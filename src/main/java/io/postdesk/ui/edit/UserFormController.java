package io.postdesk.ui.edit;

import io.postdesk.model.EditableUser;
import io.postdesk.model.FieldError;
import io.postdesk.model.PostDraft;
import io.postdesk.model.UserDraft;
import io.postdesk.service.ConflictException;
import io.postdesk.service.PostEditing;
import io.postdesk.service.UserEditing;
import io.postdesk.service.Workspace;
import io.postdesk.ui.common.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The user form: new (with an optional first post, saved together) or edit. Checks fields as
 * the user types and uniqueness in the background; Save stays off while anything is wrong.
 * Whatever happens on save, the typed values stay until the user closes the form.
 */
public final class UserFormController {
    private final Workspace workspace;
    private final Tasks tasks;
    private final UUID userId;
    private final Consumer<UUID> onSaved;
    private final Consumer<UUID> showHistory;
    private final Runnable rightsChanged;
    private final PauseTransition uniquenessPause = new PauseTransition(Duration.millis(300));

    @FXML
    private Label heading;
    @FXML
    private Label formMessage;
    @FXML
    private TextField usernameField;
    @FXML
    private Label usernameError;
    @FXML
    private TextField emailField;
    @FXML
    private Label emailError;
    @FXML
    private CheckBox setPasswordBox;
    @FXML
    private Label passwordLabel;
    @FXML
    private PasswordField passwordField;
    @FXML
    private Label passwordError;
    @FXML
    private Label firstPostLabel;
    @FXML
    private CheckBox firstPostBox;
    @FXML
    private Label postTitleLabel;
    @FXML
    private Label postContentLabel;
    @FXML
    private TextField postTitleField;
    @FXML
    private Label postTitleError;
    @FXML
    private TextArea postContentField;
    @FXML
    private Label postContentError;
    @FXML
    private CheckBox postPublishedBox;
    @FXML
    private Hyperlink historyLink;
    @FXML
    private Button saveButton;

    private FieldErrors errors;
    private SaveFeedback feedback;
    /** A load or save that waits for a lock says so in the message line, with Cancel. */
    private io.postdesk.ui.common.WaitDisplay waits;
    private EditableUser loaded;
    private UserDraft baseline = new UserDraft("", "", "");
    private List<FieldError> uniquenessErrors = List.of();
    private UserDraft uniquenessCheckedFor;
    private boolean saving;
    Stage stage;

    /**
     * @param userId        the user to edit, or null for a new one
     * @param onSaved       told the saved user's id after a save (the tables refresh and show it)
     * @param showHistory   opens the History view on a record
     * @param rightsChanged asks the database again what the role may do (after a refused write)
     */
    public UserFormController(Workspace workspace, Tasks tasks, UUID userId, Consumer<UUID> onSaved,
                              Consumer<UUID> showHistory, Runnable rightsChanged) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.userId = userId;
        this.onSaved = onSaved;
        this.showHistory = showHistory;
        this.rightsChanged = rightsChanged;
    }

    @FXML
    private void initialize() {
        errors = new FieldErrors(Map.of(
                FieldError.USERNAME, new FieldErrors.Slot(usernameField, usernameError),
                FieldError.EMAIL, new FieldErrors.Slot(emailField, emailError),
                FieldError.PASSWORD, new FieldErrors.Slot(passwordField, passwordError),
                "post." + FieldError.TITLE, new FieldErrors.Slot(postTitleField, postTitleError),
                "post." + FieldError.CONTENT, new FieldErrors.Slot(postContentField, postContentError)));
        feedback = new SaveFeedback(formMessage, errors, rightsChanged);
        waits = new io.postdesk.ui.common.LabelWaitDisplay(formMessage);
        boolean isNew = userId == null;
        heading.setText(isNew ? "New user" : "Loading…");
        show(setPasswordBox, !isNew);
        show(firstPostLabel, isNew);
        show(firstPostBox, isNew);
        // The first post's rows share the form's grid, so they line up with the user's fields.
        // (Their error labels are FieldErrors' to show: without a first post they have nothing to say.)
        for (javafx.scene.Node node : List.of(postTitleLabel, postTitleField, postContentLabel, postContentField,
                postPublishedBox)) {
            node.visibleProperty().bind(firstPostBox.selectedProperty());
            node.managedProperty().bind(firstPostBox.selectedProperty());
        }
        show(historyLink, !isNew);
        passwordField.disableProperty().bind(setPasswordBox.visibleProperty().and(setPasswordBox.selectedProperty().not()));
        uniquenessPause.setOnFinished(event -> checkUniqueness());
        List.of(usernameField.textProperty(), emailField.textProperty(), passwordField.textProperty(),
                postTitleField.textProperty(), postContentField.textProperty())
                .forEach(property -> property.addListener((obs, old, text) -> edited()));
        setPasswordBox.selectedProperty().addListener((obs, old, on) -> edited());
        postPublishedBox.selectedProperty().addListener((obs, old, on) -> edited());
        firstPostBox.selectedProperty().addListener((obs, old, on) -> edited());
        if (isNew) {
            edited();
        } else {
            saveButton.setDisable(true);
            load();
        }
    }

    /** True when the form holds something the database does not. */
    public boolean isDirty() {
        return !draft().equals(baseline) || hasFirstPost();
    }

    private void load() {
        tasks.run("Loading the user", () -> workspace.userEditing().load(userId))
                .showWaitsIn(waits)
                .onSuccess(found -> found.ifPresentOrElse(this::fill,
                        () -> message("This user no longer exists; someone deleted it.")))
                .onError(this::message)
                .start();
    }

    private void fill(EditableUser user) {
        loaded = user;
        baseline = new UserDraft(user.username(), user.email(), "");
        heading.setText("Edit user " + user.username());
        usernameField.setText(user.username());
        emailField.setText(user.email());
        setPasswordBox.setSelected(false);
        passwordField.clear();
        errors.revealAll(); // a stored user's problems are real, not a blank form's
        edited();
    }

    private UserDraft draft() {
        String password = passwordField.isDisabled() ? "" : passwordField.getText();
        return new UserDraft(usernameField.getText(), emailField.getText(), password);
    }

    private boolean hasFirstPost() {
        return firstPostBox.isSelected()
                && !(postTitleField.getText().isBlank() && postContentField.getText().isBlank());
    }

    private PostDraft firstPost() {
        return hasFirstPost()
                ? new PostDraft(postTitleField.getText(), postContentField.getText(), postPublishedBox.isSelected(), null)
                : null;
    }

    /** Re-checks the rules on every keystroke, and uniqueness once typing pauses. */
    private void edited() {
        if (stage != null && !stage.isShowing()) {
            return;
        }
        List<FieldError> found = currentErrors();
        errors.show(found);
        saveButton.setDisable(saving || feedback.offline() || !found.isEmpty()
                || (userId != null && (loaded == null || !isDirty())));
        uniquenessPause.playFromStart();
    }

    private List<FieldError> currentErrors() {
        List<FieldError> found = new ArrayList<>(UserEditing.checkRules(draft(), userId == null));
        if (hasFirstPost()) {
            // The author is the user being created: not chosen in the form, so not checked here.
            PostEditing.checkRules(firstPost()).stream()
                    .filter(error -> !error.field().equals(FieldError.AUTHOR))
                    .map(error -> new FieldError("post." + error.field(), error.message()))
                    .forEach(found::add);
        }
        if (sameIdentity(uniquenessCheckedFor, draft())) {
            uniquenessErrors.stream().filter(error -> found.stream().noneMatch(f -> f.field().equals(error.field())))
                    .forEach(found::add);
        }
        return found;
    }

    private void checkUniqueness() {
        UserDraft checked = draft();
        if (checked.username().isBlank() && checked.email().isBlank()) {
            return;
        }
        tasks.run("Checking the username and email", () -> workspace.userEditing().validate(userId, checked))
                .showWaitsIn(waits)
                .onSuccess(found -> {
                    uniquenessCheckedFor = checked;
                    uniquenessErrors = found.stream().filter(error -> error.field().equals(FieldError.USERNAME)
                            || error.field().equals(FieldError.EMAIL)).toList();
                    edited();
                    uniquenessPause.stop();
                })
                .onError(message -> { }) // the save will check again and say what is wrong
                .start();
    }

    private static boolean sameIdentity(UserDraft a, UserDraft b) {
        return a != null && Objects.equals(a.username(), b.username()) && Objects.equals(a.email(), b.email());
    }

    /** Save (the button, Enter, Ctrl+S): with anything wrong, every problem shows and nothing is saved. */
    @FXML
    void save() {
        if (saving || feedback.offline() || (userId != null && (loaded == null || !isDirty()))) {
            return;
        }
        errors.revealAll();
        if (!saveButton.isDisabled()) {
            save(loaded == null ? null : loaded.version());
        } else {
            errors.focusFirst(List.of(FieldError.USERNAME, FieldError.EMAIL, FieldError.PASSWORD,
                    "post." + FieldError.TITLE, "post." + FieldError.CONTENT));
        }
    }

    private void save(Long version) {
        UserDraft draft = draft();
        PostDraft post = firstPost();
        saving = true;
        saveButton.setDisable(true);
        message(null);
        tasks.run("Saving the user", () -> userId == null
                        ? workspace.userEditing().create(draft, post)
                        : workspace.userEditing().update(userId, version, draft))
                .showWaitsIn(waits)
                .onSuccess(saved -> {
                    baseline = draft();
                    clearFirstPost();
                    onSaved.accept(saved.id());
                    stage.close();
                })
                .onFailure(this::saveFailed)
                .andFinally(() -> {
                    saving = false;
                    edited();
                })
                .start();
    }

    private void clearFirstPost() {
        firstPostBox.setSelected(false);
    }

    private void saveFailed(Throwable error) {
        feedback.saveFailed(error).ifPresent(this::resolve);
    }

    private void resolve(ConflictException conflict) {
        EditableUser theirs = (EditableUser) conflict.theirs();
        UserDraft mine = draft();
        List<ConflictDialog.Row> rows = List.of(
                new ConflictDialog.Row("Username", mine.username(), theirs == null ? null : theirs.username()),
                new ConflictDialog.Row("Email", mine.email(), theirs == null ? null : theirs.email()));
        switch (ConflictDialog.ask(stage, "user", rows, conflict.deleted())) {
            case LOAD_THEIRS -> fill(theirs);
            case OVERWRITE -> save(null);
            case CLOSE -> stage.close();
            case KEEP_EDITING -> message(conflict.deleted()
                    ? "This user was deleted by someone else; copy what you need before closing."
                    : "Someone else changed this user. Save again to compare with their version.");
        }
    }

    /** The window closed: no more background checks for it. */
    void closed() {
        uniquenessPause.stop();
        uniquenessPause.setOnFinished(null);
    }

    @FXML
    private void cancel() {
        FormWindow.close(stage, this::isDirty);
    }

    @FXML
    private void showHistory() {
        showHistory.accept(userId);
    }

    private void message(String text) {
        feedback.message(text);
    }

    /** The database went away or came back (issue 14): the fields stay; Save waits for it. */
    void connectionChanged(boolean reachable) {
        feedback.connectionChanged(reachable);
        edited();
    }

    private static void show(javafx.scene.Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    /** Another writer changed ({@code operation} update, with {@code fields}) or deleted this user while the form is open. */
    void changedElsewhere(String operation, java.util.Set<String> fields) {
        if (operation.equals("delete")) {
            message("Someone else deleted this user. What you typed is still here: copy what you need before closing.");
        } else if (operation.equals("update")) {
            message("Someone else changed this user" + (fields.isEmpty() ? "" : " (" + String.join(", ", fields) + ")")
                    + ". Save will show their version beside yours.");
        } else {
            message("This user may have been changed by someone else. Save will show their version if it was.");
        }
    }
}
