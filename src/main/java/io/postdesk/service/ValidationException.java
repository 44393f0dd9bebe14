package io.postdesk.service;

import io.postdesk.model.FieldError;
import java.util.List;

/** The form's values break rules; each error names its field. Nothing was saved. */
public class ValidationException extends RuntimeException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid" : errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
