package io.postdesk.model;

import java.util.List;

/** A user and some of their posts, loaded together so nothing is fetched later. */
public record UserWithPosts(User user, List<Post> posts) {
    public UserWithPosts {
        posts = List.copyOf(posts);
    }
}
