package io.postdesk.ui.common;

import io.postdesk.service.DatabaseConnection;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.concurrent.Task;

/**
 * A small fluent builder over {@link Task}: the work runs on the background executor, every
 * callback on the FX thread.
 *
 * <pre>
 *   tasks.run("Loading posts", () -&gt; posts.firstPage(50))
 *        .onSuccess(table.getItems()::setAll)
 *        .onError(message -&gt; overlay.showError(message))
 *        .start();
 * </pre>
 */
public final class Tasks {
    private final Executor executor;
    private final ErrorReporter errors;
    private Supplier<DatabaseConnection> lockWaits = () -> null;

    public Tasks(Executor executor, ErrorReporter errors) {
        this.executor = executor;
        this.errors = errors;
    }

    /** Where tasks that show their lock waits ({@link Builder#showWaitsIn}) ask about them: the open database. */
    public void watchLockWaitsOf(Supplier<DatabaseConnection> connection) {
        this.lockWaits = connection;
    }

    /** Logs a failure met outside a task's own error path and returns the sentence to show. */
    public String describe(String what, Throwable error) {
        return errors.describe(what, error);
    }

    /** @param what names the work for the log and for error messages ("Loading posts") */
    public <T> Builder<T> run(String what, Callable<T> work) {
        return new Builder<>(what, work);
    }

    public final class Builder<T> {
        private final String what;
        private final Callable<T> work;
        private Consumer<T> onSuccess = result -> { };
        private Consumer<String> onError;
        private Consumer<Throwable> onFailure;
        private Runnable andFinally = () -> { };
        private WaitDisplay waitDisplay;

        private Builder(String what, Callable<T> work) {
            this.what = what;
            this.work = work;
        }

        public Builder<T> onSuccess(Consumer<T> handler) {
            this.onSuccess = handler;
            return this;
        }

        /** Gets the readable message (the failure is already logged); without it, a dialog shows it. */
        public Builder<T> onError(Consumer<String> handler) {
            this.onError = handler;
            return this;
        }

        /** Gets the failure itself (already logged), for callers that act on its type. */
        public Builder<T> onFailure(Consumer<Throwable> handler) {
            this.onFailure = handler;
            return this;
        }

        /**
         * Shows in {@code display} when the work waits for a lock another session holds (after
         * about a second), with Cancel, which ends the statement in the server; the work then
         * fails with a message naming that session (and rolls back).
         */
        public Builder<T> showWaitsIn(WaitDisplay display) {
            this.waitDisplay = display;
            return this;
        }

        public Builder<T> andFinally(Runnable handler) {
            this.andFinally = handler;
            return this;
        }

        public Task<T> start() {
            LockWaitWatch waits = waitDisplay == null ? null : new LockWaitWatch(waitDisplay, lockWaits);
            Task<T> task = new Task<>() {
                @Override
                protected T call() throws Exception {
                    // The slow-query log names the work that ran a statement ("Loading posts").
                    if (waits == null) {
                        return io.postdesk.model.QueryOrigin.call(what, work);
                    }
                    waits.running(Thread.currentThread());
                    try {
                        return io.postdesk.model.QueryOrigin.call(what, work);
                    } finally {
                        waits.running(null);
                    }
                }
            };
            Runnable waitOver = waits == null ? () -> { } : waits::stop;
            task.setOnSucceeded(event -> {
                waitOver.run();
                try {
                    onSuccess.accept(task.getValue());
                } finally {
                    andFinally.run();
                }
            });
            task.setOnFailed(event -> {
                waitOver.run();
                try {
                    if (onFailure != null) {
                        errors.describe(what, task.getException());
                        onFailure.accept(task.getException());
                    } else if (onError != null) {
                        onError.accept(errors.describe(what, task.getException()));
                    } else {
                        errors.show(null, what, task.getException());
                    }
                } finally {
                    andFinally.run();
                }
            });
            task.setOnCancelled(event -> {
                waitOver.run();
                andFinally.run();
            });
            if (waits != null) {
                waits.start();
            }
            executor.execute(task);
            return task;
        }
    }
}
