package io.postdesk.ui;

import atlantafx.base.theme.Styles;
import io.postdesk.model.SchemaPlan;
import io.postdesk.service.SchemaChanges;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.Tasks;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * File › Schema version: the version of PostDesk's schema, and going to another version or removing
 * PostDesk from the database, as {@code postdesk migrate --to} and {@code postdesk uninstall} do: the
 * plan first, the same question, then the work on the background executor. Only a role that could
 * take the changes back (the owner of users and posts) gets the buttons; any other is told why.
 */
public final class SchemaDialog {
    private final Supplier<Window> owner;
    private final Tasks tasks;
    private final Supplier<Optional<SchemaChanges>> schema;
    private final Path exportFolder;
    private final Runnable afterChange;

    private Label version;
    private Label status;
    private ComboBox<String> target;
    private Button go;
    private Button uninstall;
    /** A step that waits for a lock another session holds says so in the status line, with Cancel (issue 12). */
    private io.postdesk.ui.common.WaitDisplay waits;

    /**
     * @param schema       the open database's schema changes, empty before one is open
     * @param exportFolder where the audit history is offered to go before an uninstall
     * @param afterChange  told once the schema was changed: the window's views, built for the latest
     *                     schema, open the database again rather than fail on what was taken away
     */
    public SchemaDialog(Supplier<Window> owner, Tasks tasks, Supplier<Optional<SchemaChanges>> schema, Path exportFolder,
                        Runnable afterChange) {
        this.owner = owner;
        this.tasks = tasks;
        this.schema = schema;
        this.exportFolder = exportFolder;
        this.afterChange = afterChange;
    }

    public void show() {
        version = idLabel("schemaVersion", "Reading…");
        status = idLabel("schemaStatus", "");
        waits = new io.postdesk.ui.common.LabelWaitDisplay(status);
        target = new ComboBox<>();
        target.setId("schemaTarget");
        target.setPrefWidth(100);
        target.getItems().setAll(SchemaChanges.versions());
        go = new Button("Go to version…");
        go.setId("schemaGo");
        uninstall = new Button("Uninstall PostDesk…");
        uninstall.setId("schemaUninstall");
        uninstall.getStyleClass().add(Styles.DANGER);
        setBusy(true);
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(8);
        grid.addRow(0, new Label("Schema version"), version);
        grid.addRow(1, new Label("Go to version"), new HBox(8, target, go));
        grid.addRow(2, new Label("Remove"), uninstall);
        grid.add(status, 0, 3, 2, 1);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // "Schema version" in full
        grid.getColumnConstraints().add(labels);
        Alert alert = Dialogs.alert(owner.get(), Alert.AlertType.NONE, "PostDesk's schema", grid, ButtonType.CLOSE);
        alert.getDialogPane().setId("schemaDialog");
        go.setOnAction(event -> planTo(target.getValue()));
        uninstall.setOnAction(event -> planUninstall());
        alert.show();
        Optional<SchemaChanges> changes = schema.get();
        if (changes.isEmpty()) {
            version.setText("Not connected yet");
            return;
        }
        refresh(changes.get());
    }

    private void refresh(SchemaChanges changes) {
        tasks.run("Reading the schema version", () -> new Reading(changes.currentVersion(), refusal(changes)))
                .showWaitsIn(waits)
                .onSuccess(reading -> {
                    version.setText(reading.version());
                    target.setValue(reading.version());
                    if (reading.refusal() != null) {
                        status.setText("Only a role that could take PostDesk's changes back may change them. "
                                + reading.refusal());
                        setBusy(true);
                    } else {
                        setBusy(false);
                    }
                })
                .onError(message -> status.setText(message))
                .start();
    }

    private record Reading(String version, String refusal) {
    }

    /** Null when the role may change the schema, else why not. */
    private static String refusal(SchemaChanges changes) {
        try {
            changes.requireRights();
            return null;
        } catch (RuntimeException refused) {
            return io.postdesk.service.ErrorMessages.describe(refused);
        }
    }

    private void planTo(String version) {
        SchemaChanges changes = schema.get().orElseThrow();
        setBusy(true);
        tasks.run("Planning the schema change", () -> changes.planTo(version))
                .showWaitsIn(waits)
                .onSuccess(plan -> {
                    if (!plan.changesSomething()) {
                        status.setText(plan.describe());
                        setBusy(false);
                        return;
                    }
                    boolean back = plan.kind() == SchemaPlan.Kind.BACK;
                    if (confirm(back ? "Take PostDesk's schema back to version " + plan.to() + "?"
                            : "Migrate PostDesk's schema to version " + plan.to() + "?", plan, back ? "Take back" : "Migrate",
                            back, null)) {
                        apply(changes, plan, null);
                    } else {
                        setBusy(false);
                    }
                })
                .onError(this::failed)
                .start();
    }

    private void planUninstall() {
        SchemaChanges changes = schema.get().orElseThrow();
        setBusy(true);
        tasks.run("Planning the uninstall", () -> new Uninstall(changes.planUninstall(), changes.auditRows()))
                .showWaitsIn(waits)
                .onSuccess(planned -> {
                    CheckBox export = new CheckBox("First export the audit history (" + planned.auditRows()
                            + (planned.auditRows() == 1 ? " change" : " changes") + ") to this CSV file:");
                    export.setId("exportAuditBox");
                    export.setSelected(planned.auditRows() > 0);
                    TextField file = new TextField(exportFolder.resolve("postdesk-audit-" + LocalDate.now() + ".csv").toString());
                    file.setId("exportAuditFile");
                    file.disableProperty().bind(export.selectedProperty().not());
                    if (confirm("Remove everything PostDesk created from this database?", planned.plan(), "Uninstall", true,
                            new VBox(6, export, file))) {
                        apply(changes, planned.plan(), export.isSelected() ? Path.of(file.getText()) : null);
                    } else {
                        setBusy(false);
                    }
                })
                .onError(this::failed)
                .start();
    }

    private record Uninstall(SchemaPlan plan, long auditRows) {
    }

    private void apply(SchemaChanges changes, SchemaPlan plan, Path auditExport) {
        status.setText(plan.kind() == SchemaPlan.Kind.UNINSTALL ? "Removing PostDesk's schema…" : "Changing the schema…");
        tasks.run("Changing the schema", () -> {
            long exported = auditExport == null ? -1 : changes.exportAudit(auditExport);
            changes.apply(plan, line -> { });
            return exported;
        }).showWaitsIn(waits).onSuccess(exported -> {
            String done = plan.kind() == SchemaPlan.Kind.UNINSTALL
                    ? "PostDesk's schema changes are removed; users and posts are as they were."
                    : "The schema is at version " + plan.to() + ".";
            String audit = exported >= 0 ? " The audit history (" + exported + " rows) is in " + auditExport + "." : "";
            status.setText(done + audit + (plan.to().equals(SchemaChanges.versions().get(SchemaChanges.versions().size() - 1))
                    ? "" : " The window needs the latest version to show the data: its Retry applies the missing"
                    + " changes again."));
            refresh(changes);
            afterChange.run();
        }).onError(message -> {
            failed(message);
            afterChange.run(); // a change that stopped half way (an undo is one transaction; a migration is not)
        }).start();
    }

    private void failed(String message) {
        status.setText(message);
        setBusy(false);
    }

    /** The plan and the question; the destructive kind has a red button and Cancel as the default. */
    private boolean confirm(String question, SchemaPlan plan, String action, boolean destructive, javafx.scene.Node extra) {
        VBox content = new VBox(10, Dialogs.message(plan.describe()));
        if (extra != null) {
            content.getChildren().add(extra);
        }
        return Dialogs.ask(owner.get(), question, content, action, destructive);
    }

    private void setBusy(boolean busy) {
        target.setDisable(busy);
        go.setDisable(busy);
        uninstall.setDisable(busy);
    }

    private static Label idLabel(String id, String text) {
        Label label = Dialogs.message(text);
        label.setId(id);
        return label;
    }
}
