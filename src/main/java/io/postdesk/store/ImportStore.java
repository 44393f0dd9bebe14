package io.postdesk.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * What the CSV import asks of the database: look-ups for a whole batch of values in one query
 * each, and rows written with COPY (the fastest way into PostgreSQL: one stream, no statement
 * per row) on the session's connection, so in its transaction.
 */
public final class ImportStore {
    /**
     * A timestamp as PostgreSQL reads it, in UTC, after the year: PostgreSQL takes neither ISO's
     * signed years (-0043 for 44 BC, +12345) nor a year 0, so the year is written apart, with BC.
     */
    private static final DateTimeFormatter AFTER_THE_YEAR = new DateTimeFormatterBuilder()
            .appendPattern("-MM-dd HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendLiteral("+00").toFormatter(Locale.ROOT);

    /** The given usernames that some user already has (exact, as the unique constraint compares). */
    public Set<String> takenUsernames(Session session, Collection<String> usernames) {
        return matching(session, "SELECT x FROM unnest(?::text[]) x WHERE EXISTS"
                + " (SELECT 1 FROM users u WHERE u.username = x)", usernames);
    }

    /** The given addresses that some user already has, ignoring case (as users_email_lower_key does). */
    public Set<String> takenEmails(Session session, Collection<String> emails) {
        return matching(session, "SELECT x FROM unnest(?::text[]) x WHERE EXISTS"
                + " (SELECT 1 FROM users u WHERE lower(u.email) = lower(x))", emails);
    }

    /**
     * The users the keys name: a username (exact) first, else an email address (ignoring case).
     * Keys that name nobody are absent from the map.
     */
    public Map<String, UUID> authors(Session session, Collection<String> keys) {
        String sql = "SELECT x, coalesce((SELECT u.id FROM users u WHERE u.username = x),"
                + " (SELECT u.id FROM users u WHERE lower(u.email) = lower(x))) FROM unnest(?::text[]) x";
        return session.doReturningWork(connection -> {
            Map<String, UUID> found = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Array array = connection.createArrayOf("text", keys.toArray());
                statement.setArray(1, array);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(2, UUID.class);
                        if (id != null) {
                            found.put(rows.getString(1), id);
                        }
                    }
                }
            }
            return found;
        });
    }

    /** The transaction's start time: what {@code DEFAULT now()} would give a row without created_at. */
    public OffsetDateTime now(Session session) {
        return Statements.query(session, Sql.of("SELECT now()"), rows -> {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class);
        });
    }

    public RowWriter copyUsers(Session session) {
        return new RowWriter(session, "COPY users (username, email, password_hash) FROM STDIN");
    }

    public RowWriter copyPosts(Session session) {
        return new RowWriter(session, "COPY posts (user_id, title, content, published, created_at) FROM STDIN");
    }

    /** PostgreSQL's text for a timestamptz, e.g. "2024-05-01 07:30:00+00" or "0044-03-15 12:00:00+00 BC". */
    private static String timestamp(OffsetDateTime value) {
        OffsetDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC);
        int year = utc.getYear(); // ISO: 0 is 1 BC, -1 is 2 BC
        String rest = AFTER_THE_YEAR.format(utc);
        return year > 0 ? String.format(Locale.ROOT, "%04d", year) + rest
                : String.format(Locale.ROOT, "%04d", 1 - year) + rest + " BC";
    }

    private static Set<String> matching(Session session, String sql, Collection<String> values) {
        return session.doReturningWork(connection -> {
            Set<String> found = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("text", values.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
            }
            return found;
        });
    }

    /**
     * Rows streamed to a COPY in PostgreSQL's text format. {@link #finish()} ends the COPY;
     * {@link #close()} without it cancels the COPY, so the transaction can roll back.
     */
    public static final class RowWriter implements AutoCloseable {
        private final PGCopyOutputStream out;
        private final Writer text;
        private boolean firstField = true;
        private boolean done;

        private RowWriter(Session session, String copySql) {
            this.out = session.doReturningWork(connection ->
                    new PGCopyOutputStream(connection.unwrap(PGConnection.class), copySql, 1 << 16));
            this.text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        }

        public RowWriter field(String value) {
            separate();
            try {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    switch (c) {
                        case '\\' -> text.write("\\\\");
                        case '\n' -> text.write("\\n");
                        case '\r' -> text.write("\\r");
                        case '\t' -> text.write("\\t");
                        default -> text.write(c);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public RowWriter field(UUID value) {
            return field(value.toString());
        }

        public RowWriter field(boolean value) {
            return field(value ? "t" : "f");
        }

        public RowWriter field(OffsetDateTime value) {
            return field(timestamp(value));
        }

        public void endRow() {
            try {
                text.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            firstField = true;
        }

        /** Ends the COPY; returns how many rows the server took. */
        public long finish() {
            try {
                text.flush();
                done = true;
                return out.endCopy();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (java.sql.SQLException e) {
                throw new io.postdesk.db.DatabaseException(e);
            }
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                try {
                    out.cancelCopy();
                } catch (java.sql.SQLException e) {
                    // the COPY failed already; the transaction rolls back either way
                }
            }
        }

        private void separate() {
            if (!firstField) {
                try {
                    text.write('\t');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            firstField = false;
        }
    }
}
