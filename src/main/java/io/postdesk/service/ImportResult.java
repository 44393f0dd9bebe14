package io.postdesk.service;

/** What an import did: {@code rows} new rows in {@code table}, all in one transaction. */
public record ImportResult(String table, long rows) {
}
