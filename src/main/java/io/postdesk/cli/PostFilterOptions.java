package io.postdesk.cli;

import io.postdesk.model.AuthorSuggestion;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PublishedFilter;
import io.postdesk.service.PostService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The posts view's filters on the command line: the same search and filters, the same rows. */
final class PostFilterOptions {
    @Option(names = "--search", paramLabel = "TEXT",
            description = "Posts whose title or content contains TEXT (literal, case-insensitive).")
    String search;

    @Option(names = "--author", paramLabel = "NAME", description = "Only posts by this user: the username, the email,"
            + " or the start of a username that only one user has.")
    String author;

    @ArgGroup(exclusive = true)
    State state;

    static final class State {
        @Option(names = "--published", description = "Only published posts.")
        boolean published;

        @Option(names = "--drafts", description = "Only drafts.")
        boolean drafts;
    }

    boolean isUsed() {
        return search != null || author != null || state != null;
    }

    PostFilter toFilter(PostService posts) {
        PostFilter filter = PostFilter.NONE.withSearch(search);
        if (state != null) {
            filter = filter.withPublished(state.published ? PublishedFilter.PUBLISHED : PublishedFilter.DRAFTS);
        }
        if (author != null) {
            AuthorSuggestion found = AuthorOption.resolve(posts, author);
            filter = filter.withAuthor(found.id(), found.username());
        }
        return filter;
    }
}
