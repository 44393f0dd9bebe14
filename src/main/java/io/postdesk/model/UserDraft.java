package io.postdesk.model;

/**
 * What the user form holds. {@code newPassword} is null or empty when the password is not
 * being set (editing without "set a new password").
 */
public record UserDraft(String username, String email, String newPassword) {
    @Override
    public String toString() {
        return "UserDraft[" + username + ", " + email + "]"; // never the password
    }
}
