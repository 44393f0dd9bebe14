package io.postdesk.db;

/** The embedded server had ended by itself and did not start again; the message is for people. */
public final class ServerRestartException extends RuntimeException {
    ServerRestartException(Throwable cause) {
        super("The built-in database had stopped and PostDesk could not start it again: " + reason(cause)
                + " Retry to try again.", cause);
    }

    private static String reason(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.endsWith(".") ? message : message + ".";
    }
}
