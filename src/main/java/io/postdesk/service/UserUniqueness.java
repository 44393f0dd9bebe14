package io.postdesk.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds usernames and emails (ignoring case) that repeat within a users file or that users
 * in the database already have; the database is asked in batches, not once per line.
 */
final class UserUniqueness {
    private record Pending(long line, String value) {
    }

    private final ProblemList problems;
    private final int batch;
    private final Function<Collection<String>, Set<String>> takenUsernames;
    private final Function<Collection<String>, Set<String>> takenEmails;
    private final Map<String, Long> usernames = new HashMap<>();
    private final Map<String, Long> emails = new HashMap<>();
    private final List<Pending> pendingUsernames = new ArrayList<>();
    private final List<Pending> pendingEmails = new ArrayList<>();
    private String usernameLabel = UserLines.USERNAME;
    private String emailLabel = UserLines.EMAIL;

    UserUniqueness(ProblemList problems, int batch, Function<Collection<String>, Set<String>> takenUsernames,
                   Function<Collection<String>, Set<String>> takenEmails) {
        this.problems = problems;
        this.batch = batch;
        this.takenUsernames = takenUsernames;
        this.takenEmails = takenEmails;
    }

    void labels(String username, String email) {
        this.usernameLabel = username;
        this.emailLabel = email;
    }

    void add(UserLines.Line line) {
        Long earlier = usernames.putIfAbsent(line.username(), line.line());
        if (earlier != null) {
            problems.add(line.line(), usernameLabel, "The same username is on line " + earlier + ".");
        } else {
            pendingUsernames.add(new Pending(line.line(), line.username()));
        }
        earlier = emails.putIfAbsent(line.email().toLowerCase(Locale.ROOT), line.line());
        if (earlier != null) {
            problems.add(line.line(), emailLabel, "The same email (ignoring case) is on line " + earlier + ".");
        } else {
            pendingEmails.add(new Pending(line.line(), line.email()));
        }
        if (pendingUsernames.size() >= batch || pendingEmails.size() >= batch) {
            flush();
        }
    }

    /** Asks the database about the lines not asked about yet. */
    void flush() {
        check(pendingUsernames, takenUsernames, usernameLabel, UserRules.USERNAME_TAKEN);
        check(pendingEmails, takenEmails, emailLabel, UserRules.EMAIL_TAKEN);
    }

    private void check(List<Pending> pending, Function<Collection<String>, Set<String>> taken, String label,
                       String message) {
        if (pending.isEmpty()) {
            return;
        }
        Set<String> found = taken.apply(pending.stream().map(Pending::value).toList());
        for (Pending p : pending) {
            if (found.contains(p.value())) {
                problems.add(p.line(), label, message);
            }
        }
        pending.clear();
    }
}
