package io.postdesk.ui.posts;

import io.postdesk.model.PostFilter;
import io.postdesk.service.ErrorMessages;
import io.postdesk.service.Workspace;
import io.postdesk.ui.Connector;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.ProgressWindow;
import io.postdesk.ui.common.Tasks;
import io.postdesk.ui.common.WaitDisplay;
import java.text.NumberFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * Publish or unpublish the selected posts, or every post matching the current search and
 * filters: count first, confirm with the count, then one transaction with progress and Cancel
 * (which rolls everything back), then the table again and how many changed ("Published 3 posts").
 */
final class BulkPublishActions {
    private final Tasks tasks;
    private final Dialogs dialogs;
    private final Connector connector;
    private final Supplier<Workspace> workspace;
    private final Supplier<Window> owner;
    private final java.util.function.Consumer<String> afterChange;
    /** Where the count before the question shows a lock wait: the table's overlay. */
    private final WaitDisplay waits;

    BulkPublishActions(Tasks tasks, Dialogs dialogs, Connector connector, Supplier<Workspace> workspace,
                       Supplier<Window> owner, java.util.function.Consumer<String> afterChange, WaitDisplay waits) {
        this.waits = waits;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.connector = connector;
        this.workspace = workspace;
        this.owner = owner;
        this.afterChange = afterChange;
    }

    void selected(List<UUID> ids, boolean publish) {
        Workspace current = workspace.get();
        if (ids.isEmpty() || current == null) {
            return;
        }
        tasks.run("Counting the posts", () -> current.publishing().count(ids, publish))
                .showWaitsIn(waits)
                .onSuccess(count -> confirmAndRun(current, count, publish, ids.size() + " selected",
                        progress -> current.publishing().apply(ids, publish, progress.listener(), progress.cancellation())))
                .onFailure(error -> failed(error, () -> selected(ids, publish)))
                .start();
    }

    void matching(PostFilter filter, boolean publish) {
        Workspace current = workspace.get();
        if (current == null) {
            return;
        }
        tasks.run("Counting the posts", () -> current.publishing().count(filter, publish, null))
                .showWaitsIn(waits)
                .onSuccess(count -> confirmAndRun(current, count, publish,
                        filter.isEmpty() ? "all posts" : "all posts matching the current search and filters",
                        progress -> current.publishing().apply(filter, publish, progress.listener(),
                                progress.cancellation())))
                .onFailure(error -> failed(error, () -> matching(filter, publish)))
                .start();
    }

    private interface Work {
        long run(ProgressWindow progress);
    }

    private void confirmAndRun(Workspace current, long count, boolean publish, String selection, Work work) {
        String verb = publish ? "Publish" : "Unpublish";
        if (count == 0) {
            dialogs.warn("Nothing to do: none of " + selection + " is " + (publish ? "a draft." : "published."));
            return;
        }
        String posts = NumberFormat.getIntegerInstance().format(count) + (count == 1 ? " post" : " posts");
        if (!dialogs.confirmChange(verb + " " + posts + "?", "Of " + selection + ", these are the ones that change."
                + " Editors who have one of them open will be asked before their save overwrites it.", verb)) {
            return;
        }
        runConfirmed(current, posts, verb, work);
    }

    private void runConfirmed(Workspace current, String posts, String verb, Work work) {
        ProgressWindow progress = new ProgressWindow(owner.get(), verb + "ing " + posts, "posts");
        progress.show();
        tasks.run(verb + "ing posts", () -> work.run(progress))
                .showWaitsIn(progress)
                .onSuccess(changed -> afterChange.accept(verb + "ed " + NumberFormat.getIntegerInstance().format(changed)
                        + (changed == 1 ? " post" : " posts")))
                .onFailure(error -> {
                    progress.close();
                    if (ErrorMessages.isLockWait(error)) {
                        offerRetry(error, () -> runConfirmed(current, posts, verb, work));
                    } else if (!progress.cancellation().isCancelled()) {
                        dialogs.warn(ErrorMessages.nothingDone("Nothing was changed.", error));
                        connector.writeFailed(error, current);
                    }
                })
                .andFinally(progress::close)
                .start();
    }

    /** A failure before the question: a lock (cancelled or timed out) may be gone later, so Retry. */
    private void failed(Throwable error, Runnable retry) {
        if (ErrorMessages.isLockWait(error)) {
            offerRetry(error, retry);
        } else {
            dialogs.warn(ErrorMessages.describe(error));
        }
    }

    /** The cancelled or timed-out lock wait, naming who held the lock; Retry runs the same work again. */
    private void offerRetry(Throwable error, Runnable retry) {
        if (dialogs.confirmChange("Another session holds a lock", ErrorMessages.describe(error), "Retry")) {
            retry.run();
        }
    }
}
