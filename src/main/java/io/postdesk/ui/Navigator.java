package io.postdesk.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Moves between views: the users view asks to show a post, the posts view and the window answer. */
public final class Navigator {
    /** A post to show, with its author so the posts view can filter on them. */
    public record PostTarget(UUID postId, UUID authorId, String authorName) {
    }

    public interface PostOpener {
        void showPost(PostTarget target);
    }

    private final List<PostOpener> openers = new ArrayList<>();
    private final List<java.util.function.Consumer<UUID>> historyOpeners = new ArrayList<>();

    /** Listens for "show the history of this record". */
    public void onShowHistory(java.util.function.Consumer<UUID> opener) {
        historyOpeners.add(opener);
    }

    public void showHistory(UUID recordId) {
        historyOpeners.forEach(opener -> opener.accept(recordId));
    }

    public void onShowPost(PostOpener opener) {
        openers.add(opener);
    }

    public void showPost(PostTarget target) {
        openers.forEach(opener -> opener.showPost(target));
    }
}
