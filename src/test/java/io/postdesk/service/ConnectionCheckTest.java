package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.config.DatabaseUrl;
import io.postdesk.service.ConnectionCheck.Kind;
import io.postdesk.service.ConnectionCheck.Result;
import io.postdesk.testing.TestDatabase;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Test Connection against the embedded test server: each outcome named in words, no password repeated. */
class ConnectionCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static DatabaseUrl with(String host, int port, String database, String password) {
        DatabaseUrl url = db.url();
        return new DatabaseUrl(host, port, database, url.user(), password, Map.of());
    }

    @Test
    void aPostDeskDatabaseIsNamedAsOne() {
        Result result = ConnectionCheck.test(db.url(), TIMEOUT);

        assertThat(result.kind()).isEqualTo(Kind.POSTDESK_SCHEMA);
        assertThat(result.connected()).isTrue();
        assertThat(result.message()).startsWith("Connected to ").contains("PostgreSQL 1").contains("PostDesk's schema is there")
                .doesNotContain(db.url().password());
    }

    @Test
    void anEmptyDatabaseIsNotAPostDeskSchemaYet() {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            Result result = ConnectionCheck.test(empty.url(), TIMEOUT);

            assertThat(result.kind()).isEqualTo(Kind.NOT_POSTDESK_YET);
            assertThat(result.message()).contains("not a PostDesk database yet");
        }
    }

    @Test
    void aWrongPasswordIsCalledThatAndNotRepeated() {
        String wrong = "not-the-Password-42";
        Result result = ConnectionCheck.test(with(db.url().host(), db.url().port(), db.url().database(), wrong), TIMEOUT);

        assertThat(result.kind()).isEqualTo(Kind.WRONG_PASSWORD);
        assertThat(result.message()).isEqualTo("Wrong password for user \"" + db.url().user() + "\".")
                .doesNotContain(wrong);
    }

    @Test
    void aMissingDatabaseIsNamed() {
        DatabaseUrl url = with(db.url().host(), db.url().port(), "no_such_blog", db.url().password());

        Result result = ConnectionCheck.test(url, TIMEOUT);

        assertThat(result.kind()).isEqualTo(Kind.DATABASE_MISSING);
        assertThat(result.message()).contains("\"no_such_blog\" does not exist");
    }

    @Test
    void aPortNobodyListensOnIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result result = ConnectionCheck.test(with("localhost", port, "blog", "pw"), TIMEOUT);

        assertThat(result.kind()).isEqualTo(Kind.REFUSED);
        assertThat(result.message()).startsWith("Connection refused").contains("port " + port);
    }

    @Test
    void anUnknownHostIsNotFound() {
        Result result = ConnectionCheck.test(with("no-such-host.invalid", 5432, "blog", "pw"), TIMEOUT);

        assertThat(result.kind()).isEqualTo(Kind.HOST_NOT_FOUND);
        assertThat(result.message()).contains("no-such-host.invalid");
    }

    @Test
    void noPasswordWhereTheServerWantsOneSaysSo() {
        Result result = ConnectionCheck.test(with(db.url().host(), db.url().port(), db.url().database(), ""), TIMEOUT);

        assertThat(result.kind()).isEqualTo(Kind.NO_PASSWORD);
        assertThat(result.message()).contains("none was given");
    }

    @Test
    void sslRequiredWhereTheServerOffersNoneSaysSo() {
        DatabaseUrl url = db.url();
        Result result = ConnectionCheck.test(new DatabaseUrl(url.host(), url.port(), url.database(), url.user(),
                url.password(), Map.of("sslmode", "require")), TIMEOUT);

        assertThat(result.kind()).isEqualTo(Kind.SSL_NOT_OFFERED);
    }
}
