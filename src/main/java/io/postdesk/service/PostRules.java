package io.postdesk.service;

import io.postdesk.model.FieldError;
import io.postdesk.model.PostDraft;
import java.util.ArrayList;
import java.util.List;

/**
 * The post form's rules that need no database. The title is saved stripped of surrounding
 * spaces (U+0020 only: a leading tab or CR, as an import file may hold, is data and kept as it is);
 * the content as typed (its spacing may matter). Neither may be blank.
 */
final class PostRules {
    static final int TITLE_MAX = 255;
    static final String AUTHOR_GONE = "The chosen author no longer exists.";

    private PostRules() {
    }

    /**
     * @param prefix       put before each field name: "" for the post form, "post." for the
     *                     first post in the new-user form
     * @param authorNeeded false for a first post, whose author is the user being created
     */
    static List<FieldError> check(PostDraft draft, String prefix, boolean authorNeeded) {
        List<FieldError> errors = new ArrayList<>();
        String title = title(draft);
        if (title.isBlank()) {
            errors.add(new FieldError(prefix + FieldError.TITLE, "Title is required."));
        } else if (UserRules.length(title) > TITLE_MAX) {
            errors.add(new FieldError(prefix + FieldError.TITLE, "Title must be at most " + TITLE_MAX + " characters."));
        }
        if (draft.content() == null || draft.content().isBlank()) {
            errors.add(new FieldError(prefix + FieldError.CONTENT, "Content is required."));
        }
        if (authorNeeded && draft.authorId() == null) {
            errors.add(new FieldError(prefix + FieldError.AUTHOR, "Author is required."));
        }
        return errors;
    }

    static String title(PostDraft draft) {
        String title = draft.title() == null ? "" : draft.title();
        int start = 0;
        int end = title.length();
        while (start < end && title.charAt(start) == ' ') {
            start++;
        }
        while (end > start && title.charAt(end - 1) == ' ') {
            end--;
        }
        return title.substring(start, end);
    }
}
