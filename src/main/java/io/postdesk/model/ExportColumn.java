package io.postdesk.model;

import java.util.Arrays;
import java.util.Locale;

/** A column a CSV export may hold; its header is its name in the file and on the command line. */
public interface ExportColumn {
    String header();

    /** created_at or updated_at: the columns whose format the export may leave to the client. */
    default boolean isTimestamp() {
        return header().equals("created_at") || header().equals("updated_at");
    }

    /** The columns of a posts export: the author by username, never by a hash or internal detail. */
    enum Post implements ExportColumn {
        ID, AUTHOR, TITLE, CONTENT, PUBLISHED, CREATED_AT, UPDATED_AT;

        @Override
        public String header() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The columns of a users export. There is deliberately no password_hash: it is never exported. */
    enum User implements ExportColumn {
        ID, USERNAME, EMAIL, CREATED_AT, UPDATED_AT;

        @Override
        public String header() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The column with this header, e.g. "created_at"; IllegalArgumentException naming the choices. */
    static <C extends Enum<C> & ExportColumn> C parse(Class<C> type, String header) {
        for (C column : type.getEnumConstants()) {
            if (column.header().equals(header.strip().toLowerCase(Locale.ROOT))) {
                return column;
            }
        }
        throw new IllegalArgumentException("Unknown column '" + header.strip() + "'; choose from "
                + String.join(", ", Arrays.stream(type.getEnumConstants()).map(ExportColumn::header).toList()));
    }
}
