package io.postdesk.service;

import io.postdesk.model.FieldError;
import io.postdesk.model.UserDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The user form's rules that need no database. Lengths count characters as PostgreSQL's
 * varchar(n) does (code points), after the surrounding spaces are stripped: the values are
 * saved stripped.
 */
final class UserRules {
    static final int USERNAME_MAX = 50;
    static final int EMAIL_MAX = 100;
    static final int PASSWORD_MIN = 8;
    static final String USERNAME_TAKEN = "This username is already taken.";
    static final String EMAIL_TAKEN = "Another user already has this email address (ignoring case).";

    /** One @, something before it, a domain of dot-separated parts after it, no spaces anywhere. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");

    private UserRules() {
    }

    static List<FieldError> check(UserDraft draft, boolean isNew) {
        List<FieldError> errors = new ArrayList<>();
        String username = username(draft);
        if (username.isEmpty()) {
            errors.add(new FieldError(FieldError.USERNAME, "Username is required."));
        } else if (length(username) > USERNAME_MAX) {
            errors.add(new FieldError(FieldError.USERNAME, "Username must be at most " + USERNAME_MAX + " characters."));
        }
        String email = email(draft);
        if (email.isEmpty()) {
            errors.add(new FieldError(FieldError.EMAIL, "Email is required."));
        } else if (length(email) > EMAIL_MAX) {
            errors.add(new FieldError(FieldError.EMAIL, "Email must be at most " + EMAIL_MAX + " characters."));
        } else if (!EMAIL.matcher(email).matches()) {
            errors.add(new FieldError(FieldError.EMAIL, "Email must be an address like name@example.org."));
        }
        String password = draft.newPassword() == null ? "" : draft.newPassword();
        if (isNew && password.isEmpty()) {
            errors.add(new FieldError(FieldError.PASSWORD, "A new user needs a password."));
        } else if (!password.isEmpty() && length(password) < PASSWORD_MIN) {
            errors.add(new FieldError(FieldError.PASSWORD, "Password must be at least " + PASSWORD_MIN + " characters."));
        }
        return errors;
    }

    static String username(UserDraft draft) {
        return stripped(draft.username());
    }

    static String email(UserDraft draft) {
        return stripped(draft.email());
    }

    /** The new password, or null when the form keeps the old one. */
    static String newPassword(UserDraft draft) {
        return draft.newPassword() == null || draft.newPassword().isEmpty() ? null : draft.newPassword();
    }

    static String stripped(String text) {
        return text == null ? "" : text.strip();
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
