package io.postdesk.service;

import io.postdesk.model.FieldError;
import io.postdesk.model.UserDraft;
import java.util.List;

/**
 * The lines of a users file: username, email and either password (hashed on import) or
 * password_hash (an existing Argon2id PHC string, kept). Checked by the user form's rules;
 * uniqueness is the caller's. Messages never repeat a password or a hash.
 */
final class UserLines {
    static final String USERNAME = "username";
    static final String EMAIL = "email";
    static final String PASSWORD = "password";
    static final String PASSWORD_HASH = "password_hash";
    static final List<String> COLUMNS = List.of(USERNAME, EMAIL, PASSWORD, PASSWORD_HASH);

    /** A valid line: exactly one of password and hash is set. */
    record Line(long line, String username, String email, String password, String hash) {
        @Override
        public String toString() {
            return "Line[" + line + ", " + username + ", " + email + "]";
        }
    }

    private final CsvHeader header;
    private final boolean hashes;

    private UserLines(CsvHeader header) {
        this.header = header;
        this.hashes = header.has(PASSWORD_HASH);
    }

    static UserLines header(CsvSource.Row row, ProblemList problems) {
        CsvHeader header = CsvHeader.read(row, COLUMNS, problems);
        header.require(USERNAME, problems);
        header.require(EMAIL, problems);
        if (header.has(PASSWORD) == header.has(PASSWORD_HASH)) {
            problems.add(row.line(), "", "The header needs either a password or a password_hash column (not both).");
        }
        return new UserLines(header);
    }

    String label(String column) {
        return header.label(column);
    }

    /** The line's values, or null with its problems added when anything is wrong. */
    Line read(CsvSource.Row row, ProblemList problems) {
        if (!FieldChecks.rightSize(row, header, problems) || FieldChecks.hasNul(row, header, problems)) {
            return null;
        }
        boolean ok = true;
        String password = hashes ? null : header.get(row, PASSWORD);
        UserDraft draft = new UserDraft(header.get(row, USERNAME), header.get(row, EMAIL), password);
        for (FieldError error : UserEditing.checkRules(draft, !hashes)) {
            problems.add(row.line(), header.label(error.field()), error.message());
            ok = false;
        }
        String hash = null;
        if (hashes) {
            hash = header.get(row, PASSWORD_HASH).strip();
            if (hash.isEmpty()) {
                problems.add(row.line(), header.label(PASSWORD_HASH), "A new user needs a password hash.");
                ok = false;
            } else if (!PasswordHasher.isArgon2idHash(hash)) {
                problems.add(row.line(), header.label(PASSWORD_HASH),
                        "Not an Argon2id hash; expected $argon2id$v=19$m=...,t=...,p=...$salt$hash.");
                ok = false;
            }
        }
        return ok ? new Line(row.line(), UserRules.username(draft), UserRules.email(draft), password, hash) : null;
    }
}
