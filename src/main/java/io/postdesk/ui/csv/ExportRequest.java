package io.postdesk.ui.csv;

import io.postdesk.model.CsvOptions;
import java.nio.file.Path;
import java.util.List;

/** What the export dialog asks for: where, which rows, which columns (by header), how. */
public record ExportRequest(Path target, boolean wholeTable, List<String> columns, CsvOptions options) {
}
