package io.postdesk.service;

/**
 * What the screens use once a database is open and its schema is right.
 *
 * @param readOnly true when nothing may be written (schema newer than this PostDesk, or --read-only)
 * @param changes  other writers' changes as they commit, over a connection of its own (the window's live updates)
 */
public record Workspace(UserService users, PostService posts, UserEditing userEditing, PostEditing postEditing,
                        AuditService audit, RightsService rights, boolean readOnly, BulkPublishing publishing,
                        CsvExport export, CsvImport imports, ChangeFeed changes) {
}
