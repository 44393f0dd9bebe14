package io.postdesk.service;

/** An export that could not be written, with a sentence for the user; an existing file is untouched. */
public final class ExportException extends RuntimeException {
    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
