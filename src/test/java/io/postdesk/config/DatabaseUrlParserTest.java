package io.postdesk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DatabaseUrlParserTest {
    private static final String ORIGIN = "DATABASE_URL in .env";
    private static final String SECRET = "S3cretPw";

    @Test
    void theUrlWithCredentialsParsesBackToTheSameParts() {
        DatabaseUrl url = new DatabaseUrl("db.example.org", 5433, "my blog", "bl@g", "p#ss:w/rd%", Map.of("sslmode", "require"));

        assertThat(DatabaseUrlParser.parse(url.withCredentials(), "test")).isEqualTo(url);
    }

    @Test
    void parsesLibpqFormWithAllParts() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://blog:pass@db.example.com:5433/blogdb?sslmode=require", ORIGIN);

        assertThat(url.host()).isEqualTo("db.example.com");
        assertThat(url.port()).isEqualTo(5433);
        assertThat(url.database()).isEqualTo("blogdb");
        assertThat(url.user()).isEqualTo("blog");
        assertThat(url.password()).isEqualTo("pass");
        assertThat(url.parameters()).containsExactlyEntriesOf(Map.of("sslmode", "require"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/blogdb?sslmode=require");
    }

    @Test
    void jdbcUrlNeverCarriesUserOrPassword() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://blog:" + SECRET + "@host:5433/db?sslmode=require", ORIGIN);

        assertThat(url.jdbcUrl())
                .doesNotContain(SECRET)
                .doesNotContain("blog")
                .doesNotContain("user=")
                .doesNotContain("password=")
                .contains("sslmode=require");
    }

    @Test
    void acceptsPostgresqlScheme() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgresql://u:p@host/db", ORIGIN);

        assertThat(url.host()).isEqualTo("host");
        assertThat(url.database()).isEqualTo("db");
        assertThat(url.user()).isEqualTo("u");
        assertThat(url.password()).isEqualTo("p");
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertThat(DatabaseUrlParser.parse("PostgreSQL://u@host/db", ORIGIN).host()).isEqualTo("host");
    }

    @Test
    void jdbcFormMovesUserAndPasswordOutOfParameters() {
        DatabaseUrl url = DatabaseUrlParser.parse(
                "jdbc:postgresql://host/db?user=u&password=" + SECRET + "&sslmode=verify-full", ORIGIN);

        assertThat(url.host()).isEqualTo("host");
        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.database()).isEqualTo("db");
        assertThat(url.user()).isEqualTo("u");
        assertThat(url.password()).isEqualTo(SECRET);
        assertThat(url.parameters()).containsOnlyKeys("sslmode");
        assertThat(url.jdbcUrl())
                .isEqualTo("jdbc:postgresql://host:5432/db?sslmode=verify-full")
                .doesNotContain("user")
                .doesNotContain("password")
                .doesNotContain(SECRET);
    }

    @Test
    void jdbcFormWithOnlyUserAndPasswordHasNoQueryLeft() {
        DatabaseUrl url = DatabaseUrlParser.parse("jdbc:postgresql://host/db?user=u&password=p", ORIGIN);

        assertThat(url.parameters()).isEmpty();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db");
    }

    @Test
    void userInfoWinsOverQueryUser() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://a:b@host/db?user=c&password=d", ORIGIN);

        assertThat(url.user()).isEqualTo("a");
        assertThat(url.password()).isEqualTo("b");
        assertThat(url.parameters()).isEmpty();
    }

    @Test
    void defaultsToPort5432() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://u:p@host/db", ORIGIN);

        assertThat(url.port()).isEqualTo(DatabaseUrlParser.DEFAULT_PORT).isEqualTo(5432);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db");
    }

    @Test
    void withoutUserInfoUserAndPasswordAreEmpty() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://host/db", ORIGIN);

        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
    }

    @Test
    void userWithoutPassword() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://u@host/db", ORIGIN);

        assertThat(url.user()).isEqualTo("u");
        assertThat(url.password()).isEmpty();
    }

    @Test
    void decodesPercentEncodedPassword() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://u:p%40ss%2Fw0rd@host/db", ORIGIN);

        assertThat(url.password()).isEqualTo("p@ss/w0rd");
    }

    @Test
    void decodesPercentEncodedPasswordInJdbcQuery() {
        DatabaseUrl url = DatabaseUrlParser.parse("jdbc:postgresql://host/db?user=u&password=p%40ss%2Fw0rd", ORIGIN);

        assertThat(url.password()).isEqualTo("p@ss/w0rd");
    }

    @Test
    void plusInPasswordStaysPlus() {
        assertThat(DatabaseUrlParser.parse("postgres://u:a+b@host/db", ORIGIN).password()).isEqualTo("a+b");
        assertThat(DatabaseUrlParser.parse("jdbc:postgresql://host/db?password=a+b", ORIGIN).password())
                .isEqualTo("a+b");
    }

    @Test
    void unencodedAtSignInPasswordIsAnErrorThatSaysToEncodeIt() {
        assertThatThrownBy(() -> DatabaseUrlParser.parse("postgres://user:pa@" + SECRET + "@host/db", ORIGIN))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("%40")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("pa@"));
        assertThat(DatabaseUrlParser.parse("postgres://user:pa%40ss@host/db", ORIGIN).password()).isEqualTo("pa@ss");
    }

    @Test
    void anInvalidSslmodeIsAConfigurationErrorNamingTheAllowedValues() {
        assertThatThrownBy(() -> DatabaseUrlParser.parse("postgres://u:" + SECRET + "@host/db?sslmode=bogus", ORIGIN))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sslmode 'bogus' is not one of disable, allow, prefer, require, verify-ca, verify-full")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @ParameterizedTest
    @CsvSource({"socketFactory=org.example.Evil", "sslfactory=org.example.Evil", "loggerFile=/tmp/x",
            "options=-c%20default_transaction_read_only%3Doff"})
    void driverParametersOutsideTheDocumentedFewAreRefusedByName(String parameter) {
        String name = parameter.substring(0, parameter.indexOf('='));
        assertThatThrownBy(() -> DatabaseUrlParser.parse("postgres://u:" + SECRET + "@host/db?" + parameter, ORIGIN))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("the parameter '" + name + "' is not supported")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("Evil"));
    }

    @Test
    void documentedParametersPassInTheDriversSpelling() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://host/db?sslmode=verify-full&sslrootcert=/r.crt"
                + "&sslcert=/c.crt&sslkey=/k.key&connect_timeout=7&application_name=blog", ORIGIN);

        assertThat(url.parameters()).containsOnlyKeys("sslmode", "sslrootcert", "sslcert", "sslkey", "connectTimeout",
                "ApplicationName");
        assertThatThrownBy(() -> DatabaseUrlParser.parse("postgres://host/db?connectTimeout=soon", ORIGIN))
                .hasMessageContaining("whole number of seconds");
    }

    @Test
    void parsesIpv6HostWithPort() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://u:p@[::1]:5432/db", ORIGIN);

        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.database()).isEqualTo("db");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/db");
    }

    @Test
    void parsesIpv6HostWithoutPort() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://[2001:db8::1]/db", ORIGIN);

        assertThat(url.host()).isEqualTo("2001:db8::1");
        assertThat(url.port()).isEqualTo(5432);
    }

    @Test
    void stripsSurroundingWhitespace() {
        assertThat(DatabaseUrlParser.parse("  postgres://host/db \n", ORIGIN).database()).isEqualTo("db");
    }

    @Test
    void jdbcUrlEncodesDatabaseNameAndParameters() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://host/my%20db?application_name=Post%20Desk", ORIGIN);

        assertThat(url.database()).isEqualTo("my db");
        assertThat(url.parameters()).containsEntry("ApplicationName", "Post Desk");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/my%20db?ApplicationName=Post%20Desk");
    }

    @Test
    void jdbcUrlListsParametersSorted() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://host/db?sslmode=require&connectTimeout=5", ORIGIN);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db?connectTimeout=5&sslmode=require");
    }

    @Test
    void toStringAndDisplayNameNeverContainPassword() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://blog:" + SECRET + "@host:5433/db?sslmode=require", ORIGIN);

        assertThat(url.displayName()).isEqualTo("blog@host:5433/db").doesNotContain(SECRET);
        assertThat(url.toString()).isEqualTo("blog@host:5433/db").doesNotContain(SECRET);
    }

    @Test
    void displayNameOmitsDefaultPortAndEmptyUser() {
        assertThat(DatabaseUrlParser.parse("postgres://host/db", ORIGIN).displayName()).isEqualTo("host/db");
    }

    @Test
    void recordToStringOfServerTargetNeverContainsPassword() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://blog:" + SECRET + "@host/db", ORIGIN);
        DatabaseTarget target = new DatabaseTarget.Server(url, ORIGIN);

        assertThat(target.toString()).doesNotContain(SECRET);
        assertThat(target.displayName()).isEqualTo("blog@host/db");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''                                       | it is empty",
        "'   '                                    | it is empty",
        "u:S3cretPw@host:5432/db                  | no scheme",
        "mysql://u:S3cretPw@host:3306/db          | 'mysql' is not PostgreSQL",
        "postgres://u:S3cretPw@:5432/db           | host is missing",
        "postgres://u:S3cretPw@/db                | host is missing",
        "postgres://u:S3cretPw@host:abc/db        | port is not a number",
        "postgres://u:S3cretPw@host:70000/db      | port 70000 is outside 1-65535",
        "postgres://u:S3cretPw@host:0/db          | port 0 is outside 1-65535",
        "postgres://u:S3cretPw@host:5432          | database name is missing",
        "postgres://u:S3cretPw@host:5432/         | database name is missing",
        "postgres://u:S3cretPw%ZZ@host:5432/db    | broken %-escape",
        "postgres://u:S3cretPw%2@host:5432/db     | broken %-escape",
        "jdbc:postgresql://host/db?password=S3cretPw%G1 | broken %-escape",
        "postgres://u:S3cretPw@[::1:5432/db       | no closing ']'",
        "postgres://u:S3cretPw@h1,h2/db           | several hosts",
        "postgres://u:S3cretPw@ho st/db           | characters a host name cannot have",
        "postgres://u:S3cretPw@host/a/b           | contains '/'",
        "postgres://u:S3cretPw@host/db?=x         | parameter has no name",
        "S3cretPw                                 | no scheme",
    })
    void malformedUrlsAreRejectedWithoutLeakingThePassword(String raw, String problem) {
        assertThatThrownBy(() -> DatabaseUrlParser.parse(raw, ORIGIN))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining(ORIGIN)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase(SECRET));
    }

    @Test
    void nullIsTreatedAsEmpty() {
        assertThatThrownBy(() -> DatabaseUrlParser.parse(null, "--database-url"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("empty")
                .hasMessageContaining("--database-url");
    }

    @Test
    void longUnknownSchemeIsNotEchoed() {
        String raw = "someverylongschemenamehere" + SECRET + "://host/db";

        assertThatThrownBy(() -> DatabaseUrlParser.parse(raw, ORIGIN))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("(unrecognised)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase(SECRET));
    }

    @Test
    void atSignInsideTheQueryIsData() {
        DatabaseUrl jdbc = DatabaseUrlParser.parse("jdbc:postgresql://host/db?user=u&password=p@ss", ORIGIN);
        assertThat(jdbc.host()).isEqualTo("host");
        assertThat(jdbc.password()).isEqualTo("p@ss");

        DatabaseUrl libpq = DatabaseUrlParser.parse("postgres://u:pw@host/db?application_name=a@b", ORIGIN);
        assertThat(libpq.host()).isEqualTo("host");
        assertThat(libpq.password()).isEqualTo("pw");
        assertThat(libpq.parameters()).containsEntry("ApplicationName", "a@b");
    }

    @Test
    void ipv6HostIsBracketedWhenShown() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgres://u@[::1]:5433/db", ORIGIN);
        assertThat(url.displayName()).isEqualTo("u@[::1]:5433/db");
    }

    @Test
    void aSchemeThatLooksLikeAPasswordIsNotEchoed() {
        assertThatThrownBy(() -> DatabaseUrlParser.parse("postgres:" + SECRET + "://x/db", ORIGIN))
                .isInstanceOf(ConfigurationException.class)
                .message().doesNotContainIgnoringCase(SECRET);
    }
}
