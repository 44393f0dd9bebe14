package io.postdesk.service;

import io.postdesk.model.FieldError;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns the database's refusal of a save into the same field message the form shows while
 * typing: when another writer takes a username or email between our check and our INSERT, the
 * unique index answers with SQLSTATE 23505 and the index's name, which says which field it was.
 */
final class SaveErrors {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final Map<String, FieldError> BY_CONSTRAINT = Map.of(
            "users_username_key", new FieldError(FieldError.USERNAME, UserRules.USERNAME_TAKEN),
            "users_email_key", new FieldError(FieldError.EMAIL, UserRules.EMAIL_TAKEN),
            "users_email_lower_key", new FieldError(FieldError.EMAIL, UserRules.EMAIL_TAKEN),
            "posts_user_id_fkey", new FieldError(FieldError.AUTHOR, PostRules.AUTHOR_GONE));

    private SaveErrors() {
    }

    /**
     * A ValidationException for a known constraint, else the failure itself.
     *
     * @param postPrefix the prefix of post fields in the form that saved ("" or "post.")
     */
    static RuntimeException translate(RuntimeException failure, String postPrefix) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isConstraintViolation(sql.getSQLState())) {
                FieldError error = BY_CONSTRAINT.get(constraint(sql));
                if (error == null) {
                    return failure;
                }
                String field = error.field().equals(FieldError.AUTHOR) ? postPrefix + error.field() : error.field();
                ValidationException friendly = new ValidationException(List.of(new FieldError(field, error.message())));
                friendly.initCause(failure); // the log keeps the database's words
                return friendly;
            }
        }
        return failure;
    }

    private static boolean isConstraintViolation(String state) {
        return UNIQUE_VIOLATION.equals(state) || FOREIGN_KEY_VIOLATION.equals(state);
    }

    private static String constraint(SQLException sql) {
        ServerErrorMessage server = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
        return server == null ? null : server.getConstraint();
    }
}
