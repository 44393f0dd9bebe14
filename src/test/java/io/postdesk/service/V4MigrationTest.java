package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.postdesk.db.Migrations;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** V4: emails unique ignoring case for every writer, refused up front when existing rows clash; the audit table. */
class V4MigrationTest {

    @Test
    void theDatabaseRefusesAnEmailThatDiffersOnlyInCaseFromAnyWriter() {
        try (TestDatabase db = TestDatabase.create()) {
            db.sql("INSERT INTO users (username, email, password_hash) VALUES ('alice', 'Alice@x.org', 'h')");

            assertThatThrownBy(() -> db.sql("INSERT INTO users (username, email, password_hash)"
                    + " VALUES ('alice2', 'alice@X.ORG', 'h')"))
                    .hasMessageContaining("users_email_lower_key");
        }
    }

    @Test
    void refusesToRunWhileEmailsClashAndNamesThem() throws IOException {
        try (TestDatabase blog = TestDatabase.createEmpty()) {
            blog.sql(resource("/db/migration/V1__users_and_posts.sql")); // the blog's own schema, no PostDesk history
            blog.sql("INSERT INTO users (username, email, password_hash) VALUES ('a', 'Alice@x.org', 'h'),"
                    + " ('b', 'alice@x.org', 'h'), ('c', 'carol@x.org', 'h')");
            Migrations migrations = new Migrations(blog.dataSource());

            Throwable failure = catchThrowable(migrations::migrate);

            assertThat(ErrorMessages.describe(failure)).isEqualTo("The database refused the change: Some users share"
                    + " an email address that differs only in case: Alice@x.org, alice@x.org Change or remove one user"
                    + " of each group, then start PostDesk again.");
            assertThat(migrations.status().currentVersion()).isEqualTo("3");

            blog.sql("UPDATE users SET email = 'alice2@x.org' WHERE username = 'b'");
            migrations.migrate();
            assertThat(migrations.status().currentVersion()).isEqualTo("9");
        }
    }

    @Test
    void theAuditTableFillsInTimeAndRoleItself() {
        try (TestDatabase db = TestDatabase.create()) {
            db.sql("INSERT INTO postdesk_audit (table_name, action) VALUES ('posts', 'delete')");

            assertThatThrownBy(() -> db.sql("INSERT INTO postdesk_audit (id, table_name, action)"
                    + " VALUES (99, 'posts', 'delete')")).hasMessageContaining("GENERATED ALWAYS");
            db.sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM postdesk_audit WHERE at IS NOT NULL"
                    + " AND database_role = current_user AND changes = '{}' AND record_id IS NULL)"
                    + " THEN RAISE EXCEPTION 'defaults missing'; END IF; END $$");
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = V4MigrationTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
