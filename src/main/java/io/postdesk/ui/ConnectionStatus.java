package io.postdesk.ui;

import io.postdesk.service.Workspace;

/** Where the window is with its database; the views show rows only when it is {@link Ready}. */
public sealed interface ConnectionStatus {

    /** Starting, checking or migrating; {@code step} says which, for people. */
    record Working(String step) implements ConnectionStatus {
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
