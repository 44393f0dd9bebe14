package io.postdesk.ui.diagnostics;

import io.postdesk.model.Diagnostics;
import io.postdesk.service.DiagnosticsService;
import io.postdesk.ui.RefreshOnlyView;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.Tasks;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * The Diagnostics view. While it is on screen it reads a {@link Diagnostics} snapshot every
 * {@link #INTERVAL} on the background executor (one read at a time: a slow server delays the next
 * refresh, never the FX thread) and shows it; Cancel and Terminate ask first and are greyed out,
 * with the server's reason, for a session the role may not signal.
 */
public final class DiagnosticsController implements RefreshOnlyView {
    static final javafx.util.Duration INTERVAL = javafx.util.Duration.seconds(2);

    private final Tasks tasks;
    private final Supplier<Optional<DiagnosticsService>> service;
    private final Dialogs dialogs;
    private final Timeline refreshes = new Timeline(new KeyFrame(INTERVAL, event -> refreshIfShown()));
    private boolean reading;
    /**
     * What the last Cancel or Terminate did, and to which session: it stays under the table while
     * no other session is selected (each refresh replaces the rows and selects the session again,
     * and used to wipe it out within a second).
     */
    private String signalOutcome;
    private int signalOutcomePid;

    @FXML
    private BorderPane view;
    @FXML
    private Label updatedLabel;
    @FXML
    private Label problemLabel;
    @FXML
    private GridPane poolGrid;
    @FXML
    private LineChart<Number, Number> poolChart;
    @FXML
    private GridPane healthGrid;
    @FXML
    private LineChart<Number, Number> healthChart;
    @FXML
    private GridPane serverGrid;
    @FXML
    private Spinner<Integer> thresholdSpinner;
    @FXML
    private TableView<Diagnostics.Statement> slowTable;
    @FXML
    private TableView<Diagnostics.Statement> runningTable;
    @FXML
    private TableView<Diagnostics.Session> sessionsTable;
    @FXML
    private Button cancelButton;
    @FXML
    private Button terminateButton;
    @FXML
    private Label signalReason;
    @FXML
    private TableView<Diagnostics.Relation> relationsTable;
    @FXML
    private Label topNote;
    @FXML
    private TableView<Diagnostics.TopStatement> topTable;
    @FXML
    private TableView<Diagnostics.Migration> migrationsTable;

    private DiagnosticsCards cards;

    public DiagnosticsController(Tasks tasks, Supplier<Optional<DiagnosticsService>> service, Dialogs dialogs) {
        this.tasks = tasks;
        this.service = service;
        this.dialogs = dialogs;
        refreshes.setCycleCount(Timeline.INDEFINITE);
    }

    @FXML
    private void initialize() {
        cards = new DiagnosticsCards(poolGrid, poolChart, healthGrid, healthChart, serverGrid);
        DiagnosticsTables.statements(slowTable, false);
        DiagnosticsTables.statements(runningTable, true);
        DiagnosticsTables.sessions(sessionsTable);
        DiagnosticsTables.relations(relationsTable);
        DiagnosticsTables.topStatements(topTable);
        DiagnosticsTables.migrations(migrationsTable);
        thresholdSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 600_000,
                (int) DiagnosticsService.DEFAULT_SLOW_THRESHOLD.toMillis(), 50));
        thresholdSpinner.valueProperty().addListener((obs, old, millis) -> applyThreshold());
        sessionsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, session) -> {
            if (session != null && session.pid() != signalOutcomePid) {
                signalOutcome = null; // another session: the outcome was about the one before
            }
            showSignalRights();
        });
        showSignalRights();
        // The timer runs while the view is in a showing window, not merely in a scene: a running
        // Timeline is held by the toolkit's pulse timer, and through it this view and its window.
        // A window closed (or a scene replaced) stops it, so a closed window can be collected.
        view.sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false)
                .addListener((obs, wasShowing, showing) -> {
                    if (showing) {
                        refreshes.play();
                    } else {
                        refreshes.stop();
                    }
                });
    }

    /** Only while the tab is on top: the view costs nothing when nobody looks. */
    private void refreshIfShown() {
        if (isShown()) {
            read();
        }
    }

    private boolean isShown() {
        if (view.getScene() == null || view.getScene().getWindow() == null || !view.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node node = view; node != null; node = node.getParent()) {
            if (!node.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void read() {
        Optional<DiagnosticsService> diagnostics = service.get();
        if (reading || diagnostics.isEmpty()) {
            if (diagnostics.isEmpty()) {
                updatedLabel.setText("Waiting for the database to open…");
            }
            return;
        }
        applyThreshold();
        reading = true;
        tasks.run("Reading diagnostics", diagnostics.get()::snapshot)
                .onSuccess(this::show)
                .onError(message -> problemLabel.setText(message))
                .andFinally(() -> reading = false)
                .start();
    }

    /** A field write in memory, no query: fine on the FX thread; again at each read for a database opened later. */
    private void applyThreshold() {
        Integer millis = thresholdSpinner.getValue();
        if (millis != null) {
            service.get().ifPresent(diagnostics -> diagnostics.setSlowThreshold(Duration.ofMillis(millis)));
        }
    }

    private void show(Diagnostics d) {
        updatedLabel.setText("Updated " + DiagnosticsTables.TIME.format(d.taken()) + ", every "
                + (int) INTERVAL.toSeconds() + " s while shown");
        problemLabel.setText(d.serverProblem() == null ? "" : "The server did not answer: " + d.serverProblem());
        cards.show(d);
        slowTable.getItems().setAll(d.slowQueries());
        runningTable.getItems().setAll(d.runningNow());
        Integer selectedPid = Optional.ofNullable(sessionsTable.getSelectionModel().getSelectedItem())
                .map(Diagnostics.Session::pid).orElse(null);
        if (d.server() != null) {
            sessionsTable.getItems().setAll(d.server().sessions());
            sessionsTable.getItems().stream().filter(s -> selectedPid != null && s.pid() == selectedPid).findFirst()
                    .ifPresent(s -> sessionsTable.getSelectionModel().select(s));
            relationsTable.getItems().setAll(d.server().relations());
            topTable.getItems().setAll(d.server().topStatements());
            topNote.setText(d.server().topStatementsNote() == null ? "" : d.server().topStatementsNote());
            topNote.setManaged(d.server().topStatementsNote() != null);
        }
        if (d.schema() != null) {
            migrationsTable.getItems().setAll(d.schema().history());
            if (d.schema().problem() != null) {
                migrationsTable.setPlaceholder(new Label("The history could not be read: " + d.schema().problem()));
            }
        }
        showSignalRights();
    }

    private void showSignalRights() {
        Diagnostics.Session session = sessionsTable.getSelectionModel().getSelectedItem();
        boolean may = session != null && session.maySignal();
        cancelButton.setDisable(!may);
        terminateButton.setDisable(!may);
        if (signalOutcome != null) {
            signalReason.setText(signalOutcome);
            return;
        }
        signalReason.setText(session == null ? "Select a session to cancel its statement or end it."
                : may ? "" : session.cannotSignalReason());
    }

    @FXML
    private void cancelSession() {
        signal(false);
    }

    @FXML
    private void terminateSession() {
        signal(true);
    }

    private void signal(boolean terminate) {
        Diagnostics.Session session = sessionsTable.getSelectionModel().getSelectedItem();
        Optional<DiagnosticsService> diagnostics = service.get();
        if (session == null || !session.maySignal() || diagnostics.isEmpty()) {
            return;
        }
        String who = "session " + session.pid() + " (" + session.user() + ", "
                + (session.application() == null || session.application().isBlank() ? "no application name"
                : session.application()) + ")";
        String question = terminate ? "End " + who + "?" : "Cancel the statement running in " + who + "?";
        String details = terminate ? "The session is disconnected and its open transaction is rolled back."
                : "The statement stops with an error in that session; its transaction stays open if it had one.";
        if (!dialogs.confirm(question, details, terminate ? "Terminate session" : "Stop statement")) {
            return;
        }
        tasks.run(terminate ? "Ending a session" : "Cancelling a statement",
                        () -> terminate ? diagnostics.get().terminate(session.pid()) : diagnostics.get().cancel(session.pid()))
                .onSuccess(done -> {
                    showOutcome(session.pid(), done ? (terminate ? "Session " + session.pid() + " was ended."
                            : "The statement of session " + session.pid() + " was cancelled.")
                            : "Session " + session.pid() + " had nothing to stop (it had ended).");
                    read();
                })
                .onError(message -> showOutcome(session.pid(), message))
                .start();
    }

    private void showOutcome(int pid, String text) {
        signalOutcome = text;
        signalOutcomePid = pid;
        signalReason.setText(text);
    }

    @FXML
    @Override
    public void refresh() {
        read();
    }
}
