package io.postdesk.service;

import java.util.Locale;

/** Checks every import line gets, whatever the table. */
final class FieldChecks {
    private FieldChecks() {
    }

    static boolean rightSize(CsvSource.Row row, CsvHeader header, ProblemList problems) {
        if (row.size() != header.size()) {
            problems.add(row.line(), "", "Has " + row.size() + (row.size() == 1 ? " field" : " fields")
                    + "; the header has " + header.size() + ".");
            return false;
        }
        return true;
    }

    /** PostgreSQL text cannot hold U+0000, so such a line could never be saved. */
    static boolean hasNul(CsvSource.Row row, CsvHeader header, ProblemList problems) {
        boolean found = false;
        for (int i = 0; i < row.size(); i++) {
            if (row.get(i).indexOf('\0') >= 0) {
                problems.add(row.line(), header.nameAt(i),
                        "Contains a NUL character, which the database cannot store.");
                found = true;
            }
        }
        return found;
    }

    /**
     * true/false/t/f/yes/no/1/0 in any case (t and f are what psql's {@code \copy} writes);
     * null for anything else.
     */
    static Boolean yesNo(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "1" -> Boolean.TRUE;
            case "false", "f", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
