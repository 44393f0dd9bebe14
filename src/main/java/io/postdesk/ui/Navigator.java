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

    public void onShowPost(PostOpener opener) {
        openers.add(opener);
    }

    public void showPost(PostTarget target) {
        openers.forEach(opener -> opener.showPost(target));
    }
}
