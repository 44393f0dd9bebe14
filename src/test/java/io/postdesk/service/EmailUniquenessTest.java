package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.postdesk.config.DatabaseUrl;
import io.postdesk.db.Transactions;
import io.postdesk.model.FieldError;
import io.postdesk.model.UserDraft;
import io.postdesk.store.UserEditStore;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When another writer takes a username or email between PostDesk's check and its INSERT, the
 * unique index refuses the save, and the user sees the same field message the check would have shown.
 */
class EmailUniquenessTest {
    private static TestDatabase db;
    private static EditingFixture fx;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        fx = new EditingFixture(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void empty() {
        db.sql("DELETE FROM users");
    }

    @Test
    void constraintErrorsBecomeTheFormsFieldMessages() {
        fx.insertUser("alice", "Alice@x.org");
        Transactions tx = db.transactions();
        UserEditStore users = new UserEditStore();

        assertThat(translated(() -> tx.write(s -> users.insert(s, "alice", "new@x.org", "h"))))
                .containsExactly(new FieldError(FieldError.USERNAME, "This username is already taken."));
        assertThat(translated(() -> tx.write(s -> users.insert(s, "bob", "alice@x.org", "h"))))
                .containsExactly(new FieldError(FieldError.EMAIL,
                        "Another user already has this email address (ignoring case)."));
        assertThat(translated(() -> tx.write(s -> users.insert(s, "bob", "Alice@x.org", "h")))) // users_email_key
                .extracting(FieldError::field).containsExactly(FieldError.EMAIL);
    }

    @Test
    void whenAnotherWriterTakesTheEmailFirstTheSaveGetsTheFieldMessage() throws Exception {
        DatabaseUrl url = db.url();
        try (Connection other = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("INSERT INTO users (username, email, password_hash) VALUES ('racer', 'RACE@x.org', 'h')");
            }
            // Not committed yet: our check cannot see it, our INSERT has to wait for it.
            CompletableFuture<?> save = CompletableFuture.runAsync(() ->
                    fx.users.create(new UserDraft("slow", "race@x.org", "a good password"), null));
            awaitSomeoneWaitingForALock();
            other.commit();

            Throwable failure = catchThrowable(() -> save.get(30, TimeUnit.SECONDS));

            assertThat(failure).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(ValidationException.class, v -> assertThat(v.errors()).containsExactly(
                            new FieldError(FieldError.EMAIL, "Another user already has this email address (ignoring case).")));
        }
        assertThat(fx.column("SELECT username FROM users")).containsExactly("racer");
    }

    private static List<FieldError> translated(Runnable save) {
        RuntimeException failure = (RuntimeException) catchThrowable(save::run);
        RuntimeException friendly = SaveErrors.translate(failure, "");
        assertThat(friendly).isInstanceOf(ValidationException.class).hasCause(failure);
        return ((ValidationException) friendly).errors();
    }

    /** Polls the server (no sleeping) until a session of this database waits for a row or key lock. */
    private static void awaitSomeoneWaitingForALock() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (fx.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'") == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the save never waited for the other writer");
            }
        }
    }
}
