package io.postdesk.cli;

/** A command could not do its work; the message is the one line printed before exit code 1. */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message) {
        super(message);
    }
}
