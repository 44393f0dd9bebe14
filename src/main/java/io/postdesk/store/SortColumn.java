package io.postdesk.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The column a page is sorted on, as SQL from code (never from input), with the type of its
 * values so cursors can be read and checked.
 */
record SortColumn(String expression, Type type, boolean ascending) {

    enum Type {
        TEXT(String.class), TIMESTAMP(Instant.class), BOOLEAN(Boolean.class);

        private final Class<?> javaType;

        Type(Class<?> javaType) {
            this.javaType = javaType;
        }

        Object read(ResultSet rows, String column) throws SQLException {
            return switch (this) {
                case TEXT -> rows.getString(column);
                case TIMESTAMP -> ResultColumns.instant(rows, column);
                case BOOLEAN -> rows.getBoolean(column);
            };
        }

        /** A cursor taken under another sort would page nonsense; better to say so at once. */
        void check(Object cursorValue) {
            if (!javaType.isInstance(cursorValue)) {
                throw new IllegalArgumentException("The cursor holds " + cursorValue + ", not a "
                        + javaType.getSimpleName() + ": it was taken under another sort order");
            }
        }
    }
}
