package io.postdesk.model;

import java.util.List;

/**
 * What a typed author name resolves to: exactly one user (found), nobody, or several to choose
 * from. The post form saves only a found author, never a guess.
 *
 * @param typed   the text as typed (stripped)
 * @param matches the users it may mean, best first; found only when there is exactly one
 */
public record AuthorLookup(String typed, List<AuthorSuggestion> matches) {
    public AuthorLookup {
        matches = List.copyOf(matches);
    }

    public boolean found() {
        return matches.size() == 1;
    }

    /** The one user meant; only when {@link #found()}. */
    public AuthorSuggestion author() {
        if (!found()) {
            throw new IllegalStateException(problem());
        }
        return matches.get(0);
    }

    /** Why the text names no single user, in words for the person typing; null when found. */
    public String problem() {
        if (matches.isEmpty()) {
            return "No user named '" + typed + "'";
        }
        return found() ? null : "'" + typed + "' matches several users: pick one";
    }
}
