package io.postdesk.ui.edit;

import io.postdesk.model.EditablePost;
import io.postdesk.model.FieldError;
import io.postdesk.model.PostDraft;
import io.postdesk.service.ConflictException;
import io.postdesk.service.PostEditing;
import io.postdesk.service.Workspace;
import io.postdesk.ui.common.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/**
 * The post form: title, content, published, and the author picked by typing a username
 * (never by pasting an id). Same save rules as the user form: checked as you type, refused on
 * a conflict with the other version shown, typed values kept whatever happens.
 */
public final class PostFormController {
    private static final int CONFLICT_PREVIEW = 400;

    private final Workspace workspace;
    private final Tasks tasks;
    private final UUID postId;
    private final Consumer<UUID> onSaved;
    private final Consumer<UUID> showHistory;
    private final Runnable rightsChanged;

    @FXML
    private Label heading;
    @FXML
    private Label formMessage;
    @FXML
    private TextField titleField;
    @FXML
    private Label titleError;
    @FXML
    private TextField authorField;
    @FXML
    private Label authorError;
    @FXML
    private TextArea contentField;
    @FXML
    private Label contentError;
    @FXML
    private CheckBox publishedBox;
    @FXML
    private Hyperlink historyLink;
    @FXML
    private Button saveButton;

    private FieldErrors errors;
    private SaveFeedback feedback;
    /** A load or save that waits for a lock says so in the message line, with Cancel. */
    private io.postdesk.ui.common.WaitDisplay waits;
    private AuthorChoice author;
    private EditablePost loaded;
    private PostDraft baseline = new PostDraft("", "", false, null);
    private boolean saving;
    Stage stage;

    /** @param postId the post to edit, or null for a new one */
    /** @param onSaved told the saved post's id after a save */
    public PostFormController(Workspace workspace, Tasks tasks, UUID postId, Consumer<UUID> onSaved,
                              Consumer<UUID> showHistory, Runnable rightsChanged) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.postId = postId;
        this.onSaved = onSaved;
        this.showHistory = showHistory;
        this.rightsChanged = rightsChanged;
    }

    @FXML
    private void initialize() {
        errors = new FieldErrors(Map.of(
                FieldError.TITLE, new FieldErrors.Slot(titleField, titleError),
                FieldError.AUTHOR, new FieldErrors.Slot(authorField, authorError),
                FieldError.CONTENT, new FieldErrors.Slot(contentField, contentError)));
        feedback = new SaveFeedback(formMessage, errors, rightsChanged);
        waits = new io.postdesk.ui.common.LabelWaitDisplay(formMessage);
        heading.setText(postId == null ? "New post" : "Loading…");
        historyLink.setVisible(postId != null);
        historyLink.setManaged(postId != null);
        author = new AuthorChoice(authorField, tasks,
                prefix -> workspace.posts().authorsStartingWith(prefix, 10),
                typed -> workspace.posts().resolveAuthor(typed),
                this::edited, waits);
        titleField.textProperty().addListener((obs, old, text) -> edited());
        contentField.textProperty().addListener((obs, old, text) -> edited());
        publishedBox.selectedProperty().addListener((obs, old, on) -> edited());
        if (postId == null) {
            edited();
        } else {
            saveButton.setDisable(true);
            tasks.run("Loading the post", () -> workspace.postEditing().load(postId))
                    .showWaitsIn(waits)
                    .onSuccess(found -> found.ifPresentOrElse(this::fill,
                            () -> message("This post no longer exists; someone deleted it.")))
                    .onError(this::message)
                    .start();
        }
    }

    public boolean isDirty() {
        return !draft().equals(baseline);
    }

    private void fill(EditablePost post) {
        loaded = post;
        baseline = new PostDraft(post.title(), post.content(), post.published(), post.authorId());
        heading.setText("Edit post");
        titleField.setText(post.title());
        contentField.setText(post.content());
        publishedBox.setSelected(post.published());
        author.show(post.authorId(), post.authorName());
        errors.revealAll(); // a stored post's problems are real, not a blank form's
        edited();
    }

    private PostDraft draft() {
        return new PostDraft(titleField.getText(), contentField.getText(), publishedBox.isSelected(),
                author == null ? null : author.authorId());
    }

    private void edited() {
        if (errors == null || author == null) {
            return; // still being built
        }
        List<FieldError> found = currentErrors();
        errors.show(found);
        saveButton.setDisable(saving || feedback.offline() || !found.isEmpty() || !changedSinceLoaded());
    }

    /** The rules, with the author's own problem; typed text not yet looked up is no error yet. */
    private List<FieldError> currentErrors() {
        List<FieldError> found = new ArrayList<>(PostEditing.checkRules(draft()));
        if (author.problem() != null || author.unresolved()) {
            found.removeIf(error -> error.field().equals(FieldError.AUTHOR));
        }
        if (author.problem() != null) {
            found.add(new FieldError(FieldError.AUTHOR, author.problem()));
        }
        return found;
    }

    private boolean changedSinceLoaded() {
        return postId == null || (loaded != null && isDirty());
    }

    /**
     * Save (the button, Enter, Ctrl+S): first the typed author is looked up, so what is saved is
     * the author shown; then, if anything is wrong, every problem shows and nothing is saved.
     */
    @FXML
    void save() {
        if (saving || feedback.offline() || !changedSinceLoaded()) {
            return;
        }
        errors.revealAll();
        saving = true;
        saveButton.setDisable(true);
        author.resolve(found -> {
            saving = false;
            List<FieldError> problems = currentErrors();
            errors.show(problems);
            if (problems.isEmpty() && stage.isShowing()) {
                save(loaded == null ? null : loaded.version());
            } else {
                edited();
                errors.focusFirst(List.of(FieldError.TITLE, FieldError.AUTHOR, FieldError.CONTENT));
            }
        });
    }

    private void save(Long version) {
        PostDraft draft = draft();
        saving = true;
        saveButton.setDisable(true);
        message(null);
        tasks.run("Saving the post", () -> postId == null
                        ? workspace.postEditing().create(draft)
                        : workspace.postEditing().update(postId, version, draft))
                .showWaitsIn(waits)
                .onSuccess(saved -> {
                    baseline = draft;
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

    private void saveFailed(Throwable error) {
        feedback.saveFailed(error).ifPresent(this::resolve);
    }

    private void resolve(ConflictException conflict) {
        EditablePost theirs = (EditablePost) conflict.theirs();
        PostDraft mine = draft();
        List<ConflictDialog.Row> rows = List.of(
                new ConflictDialog.Row("Title", mine.title(), theirs == null ? null : theirs.title()),
                new ConflictDialog.Row("Author", authorField.getText(), theirs == null ? null : theirs.authorName()),
                new ConflictDialog.Row("Published", yesNo(mine.published()),
                        theirs == null ? null : yesNo(theirs.published())),
                new ConflictDialog.Row("Content", preview(mine.content()),
                        theirs == null ? null : preview(theirs.content())));
        switch (ConflictDialog.ask(stage, "post", rows, conflict.deleted())) {
            case LOAD_THEIRS -> fill(theirs);
            case OVERWRITE -> save(null);
            case CLOSE -> stage.close();
            case KEEP_EDITING -> message(conflict.deleted()
                    ? "This post was deleted by someone else; copy what you need before closing."
                    : "Someone else changed this post. Save again to compare with their version.");
        }
    }

    private static String yesNo(boolean published) {
        return published ? "Published" : "Draft";
    }

    private static String preview(String content) {
        return content.length() <= CONFLICT_PREVIEW ? content : content.substring(0, CONFLICT_PREVIEW) + "…";
    }

    @FXML
    private void cancel() {
        FormWindow.close(stage, this::isDirty);
    }

    @FXML
    private void showHistory() {
        showHistory.accept(postId);
    }

    private void message(String text) {
        feedback.message(text);
    }

    /** The database went away or came back (issue 14): the fields stay; Save waits for it. */
    void connectionChanged(boolean reachable) {
        feedback.connectionChanged(reachable);
        edited();
    }

    /** Another writer changed ({@code operation} update, with {@code fields}) or deleted this post while the form is open. */
    void changedElsewhere(String operation, java.util.Set<String> fields) {
        if (operation.equals("delete")) {
            message("Someone else deleted this post. What you typed is still here: copy what you need before closing.");
        } else if (operation.equals("update")) {
            message("Someone else changed this post" + (fields.isEmpty() ? "" : " (" + String.join(", ", fields) + ")")
                    + ". Save will show their version beside yours.");
        } else {
            message("This post may have been changed by someone else. Save will show their version if it was.");
        }
    }
}
