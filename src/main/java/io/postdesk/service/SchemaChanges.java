package io.postdesk.service;

import io.postdesk.db.DatabaseException;
import io.postdesk.db.MigrationProgress;
import io.postdesk.db.Migrations;
import io.postdesk.db.SchemaUndo;
import io.postdesk.model.SchemaPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Moving PostDesk's schema to another version, or removing it, for {@code postdesk migrate --to},
 * {@code postdesk uninstall} and the window's Schema dialog: a plan to show first, then the change.
 */
public final class SchemaChanges {
    private static final String AUDIT_QUERY = "SELECT id, at, database_role, desktop_user, table_name, record_id,"
            + " action, changes FROM postdesk_audit ORDER BY id";

    private final DataSource dataSource;

    public SchemaChanges(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The versions PostDesk can go to, oldest first (the floor, V1, first). */
    public static List<String> versions() {
        return Migrations.SCRIPT_VERSIONS;
    }

    public String currentVersion() {
        return new Migrations(dataSource).status().currentVersion();
    }

    /** Refuses (with the reason) when the connected role could not take PostDesk's changes back. */
    public void requireRights() {
        new SchemaUndo(dataSource).requireRights();
    }

    public SchemaPlan planTo(String version) {
        return new SchemaUndo(dataSource).planTo(version);
    }

    public SchemaPlan planUninstall() {
        return new SchemaUndo(dataSource).planUninstall();
    }

    public void apply(SchemaPlan plan, Consumer<String> progress) {
        new SchemaUndo(dataSource).apply(plan, progress::accept);
    }

    /** How many rows the audit history holds; 0 when there is no audit table (before V4, after uninstall). */
    public long auditRows() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT to_regclass('postdesk_audit') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM postdesk_audit")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * Writes the audit history (PostDesk's record of every change it made) to a CSV file, RFC 4180
     * with a header, as the other exports; written beside the target and moved into place when complete.
     * Returns the number of rows.
     */
    public long exportAudit(Path target) {
        Path file = target.toAbsolutePath();
        Path temporary = null;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // a cursor: rows are fetched 1,000 at a time, not all at once
            temporary = Files.createTempFile(file.getParent(), ".postdesk-audit-", ".csv.tmp");
            long rows = 0;
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(1_000);
                try (ResultSet rs = statement.executeQuery(AUDIT_QUERY);
                     Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                     CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(rs).get())) {
                    while (rs.next()) {
                        csv.printRecord(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
                        rows++;
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return rows;
        } catch (SQLException e) {
            deleteQuietly(temporary);
            throw new DatabaseException(e);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the export already failed; its reason is what the user needs
            }
        }
    }
}
