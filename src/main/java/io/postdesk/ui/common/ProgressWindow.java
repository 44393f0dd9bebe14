package io.postdesk.ui.common;

import io.postdesk.model.Cancellation;
import io.postdesk.model.Progress;
import java.text.NumberFormat;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * A small window for long work: a bar, "rows done of total, rows per second, time left", and
 * Cancel. Workers report from their own thread; the window shows the latest report once per
 * frame, so a fast worker never floods the FX thread. A lock wait of the work shows in the status
 * line ({@link WaitDisplay}), and Cancel then also ends the waiting statement in the server.
 */
public final class ProgressWindow implements WaitDisplay {
    private static final NumberFormat NUMBERS = NumberFormat.getIntegerInstance();

    private final Stage stage = new Stage(StageStyle.UTILITY);
    private final ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final Label status = new Label("Starting…");
    private final AtomicReference<Report> latest = new AtomicReference<>();
    private final Cancellation cancellation = new Cancellation();
    /** Ends the statement that waits for a lock, while one does; null otherwise. */
    private Runnable cancelWait;
    private String statusBeforeWait;
    private final AnimationTimer repaint = new AnimationTimer() {
        @Override
        public void handle(long now) {
            Report report = latest.getAndSet(null);
            if (report != null) {
                show(report.progress(), report.noun());
            }
        }
    };

    public ProgressWindow(Window owner, String title, String noun) {
        this.noun = noun;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(title);
        bar.setPrefWidth(380);
        status.setId("progressStatus");
        // A lock wait's sentence (who holds it, since when) is long: wrapped under the bar, not cut.
        status.setWrapText(true);
        status.setMaxWidth(380);
        Button cancel = new Button("Cancel");
        cancel.setId("progressCancel");
        cancel.setOnAction(event -> {
            cancel.setDisable(true);
            status.setText("Cancelling…");
            cancellation.cancel();
            if (cancelWait != null) {
                cancelWait.run();
                cancelWait = null;
            }
        });
        stage.setOnCloseRequest(event -> {
            event.consume(); // closing means cancelling; the window closes when the work has stopped
            cancel.fire();
        });
        VBox box = new VBox(10, new Label(title), bar, status, cancel);
        box.setPadding(new Insets(16));
        stage.setScene(new Scene(box));
    }

    private final String noun;

    /** A report and what its numbers count. */
    private record Report(Progress progress, String noun) {
    }

    /** The cancellation the work must honour. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** For the worker, on any thread: shown as "done of total" in the window's noun. */
    public Progress.Listener listener() {
        return listener(noun);
    }

    /** For a stage of the work that counts something else, e.g. "rows checked" before "posts". */
    public Progress.Listener listener(String noun) {
        return progress -> latest.set(new Report(progress, noun));
    }

    @Override
    public void showWait(String text, Runnable cancel) {
        if (statusBeforeWait == null) {
            statusBeforeWait = status.getText();
        }
        if (!cancellation.isCancelled()) {
            status.setText(text);
            cancelWait = cancel;
            stage.sizeToScene();
        }
    }

    @Override
    public void hideWait() {
        cancelWait = null;
        if (statusBeforeWait != null && !cancellation.isCancelled()) {
            status.setText(statusBeforeWait);
            stage.sizeToScene();
        }
        statusBeforeWait = null;
    }

    public void show() {
        repaint.start();
        stage.show();
    }

    public void close() {
        repaint.stop();
        stage.close();
    }

    private void show(Progress progress, String noun) {
        if (progress.total() > 0) {
            bar.setProgress(Math.min(1.0, (double) progress.done() / progress.total()));
        }
        String text = NUMBERS.format(progress.done())
                + (progress.total() > 0 ? " of " + NUMBERS.format(progress.total()) : "") + " " + noun;
        if (progress.perSecond() > 0) {
            text += " · " + NUMBERS.format(Math.round(progress.perSecond())) + " per second";
        }
        if (progress.secondsLeft() >= 0) {
            text += " · about " + progress.secondsLeft() + " s left";
        }
        status.setText(text);
    }
}
