package io.postdesk.service;

import java.util.List;

/**
 * What an import did: {@code rows} new rows in {@code table}, all in one transaction.
 *
 * @param warnings lines that were imported but deserve a look (a password hash weaker than
 *                 OWASP's minimum), at most {@link CsvImport#MAX_PROBLEMS}, in file order
 */
public record ImportResult(String table, long rows, List<ImportProblem> warnings) {
    public ImportResult {
        warnings = List.copyOf(warnings);
    }

    public ImportResult(String table, long rows) {
        this(table, rows, List.of());
    }
}
