package io.postdesk.ui;

import io.postdesk.service.Workspace;

/** Where the window is with its database; the views show rows only when it is {@link Ready}. */
public sealed interface ConnectionStatus {

    /**
     * Starting, checking or migrating; {@code step} says which, for people. {@code cancel}, when not
     * null, ends the step's statement that waits for a lock another session holds (issue 12).
     */
    record Working(String step, Runnable cancel) implements ConnectionStatus {
        public Working(String step) {
            this(step, null);
        }
    }

    /** {@code notice}: something the user should know about how it got ready (a restarted server), or null. */
    record Ready(Workspace workspace, String notice) implements ConnectionStatus {
        public Ready(Workspace workspace) {
            this(workspace, null);
        }
    }

    /** Not usable; the message says why and what to do. Retry may help (a server back up). */
    record Failed(String message) implements ConnectionStatus {
    }
}
