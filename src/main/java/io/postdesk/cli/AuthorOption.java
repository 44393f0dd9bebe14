package io.postdesk.cli;

import io.postdesk.model.AuthorLookup;
import io.postdesk.model.AuthorSuggestion;
import io.postdesk.model.Printable;
import io.postdesk.service.PostService;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An author named on the command line, resolved by the window's rule ({@link PostService#resolveAuthor}):
 * the exact username, else the username or email ignoring case, else the only username starting
 * with it. Nobody or several end the command (exit code 1) with the candidates named, never a guess.
 */
final class AuthorOption {
    /** How many candidates the message names. */
    private static final int NAMED = 10;

    private AuthorOption() {
    }

    static AuthorSuggestion resolve(PostService posts, String typed) {
        AuthorLookup lookup = posts.resolveAuthor(typed);
        if (lookup.found()) {
            return lookup.author();
        }
        String shown = Printable.shortened(lookup.typed());
        if (lookup.matches().isEmpty()) {
            throw new CommandFailure("--author: no user has the username or email '" + shown
                    + "', and no username starts with it.");
        }
        // The lookup stops at two usernames starting with the text; the message names more of them.
        Set<String> candidates = new LinkedHashSet<>();
        lookup.matches().forEach(match -> candidates.add(match.username()));
        posts.authorsStartingWith(lookup.typed(), NAMED).forEach(match -> candidates.add(match.username()));
        String names = String.join(", ", candidates.stream().limit(NAMED).map(Printable::shortened).toList());
        throw new CommandFailure("--author: '" + shown + "' matches several users: " + names
                + (candidates.size() > NAMED ? ", …" : "") + ". Give the whole username or the email.");
    }
}
