package io.postdesk.model;

/** A problem with one field of a form, in words for the person typing. */
public record FieldError(String field, String message) {
    public static final String USERNAME = "username";
    public static final String EMAIL = "email";
    public static final String PASSWORD = "password";
    public static final String TITLE = "title";
    public static final String CONTENT = "content";
    public static final String AUTHOR = "author";
}
