package io.postdesk.model;

/** Which posts by published state: all, only published, only drafts. */
public enum PublishedFilter {
    ALL, PUBLISHED, DRAFTS
}
