package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.model.AuditEntry;
import io.postdesk.model.AuditFilter;
import io.postdesk.model.EditablePost;
import io.postdesk.model.EditableUser;
import io.postdesk.model.PostDraft;
import io.postdesk.model.UserDraft;
import io.postdesk.store.AuditStore;
import io.postdesk.store.PostEditStore;
import io.postdesk.testing.TestDatabase;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every change writes its audit row in its own transaction, and the row goes when the change goes. */
class EditingAuditTest {
    private static TestDatabase db;
    private static EditingFixture fx;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        fx = new EditingFixture(db);
        // A rule checked at COMMIT, after PostDesk has written both the change and its audit row.
        db.sql("CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.title = 'boom' THEN RAISE EXCEPTION 'no boom' USING ERRCODE = '23514'; END IF;"
                + " RETURN NULL; END $$");
        db.sql("CREATE CONSTRAINT TRIGGER posts_no_boom AFTER INSERT OR UPDATE ON posts"
                + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_boom()");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void empty() {
        fx.clear();
    }

    private static List<AuditEntry> all() {
        return fx.audit.history(AuditFilter.ALL, 100);
    }

    @Test
    void createUpdateAndDeleteEachWriteOneRowNewestFirst() {
        EditableUser ann = fx.users.create(new UserDraft("ann", "ann@x.org", "a good password"), null);
        EditablePost post = fx.posts.create(new PostDraft("Hello", "First text", false, ann.id()));
        fx.posts.update(post.id(), post.version(), new PostDraft("Hello again", "First text", true, ann.id()));
        fx.posts.delete(List.of(post.id()));

        List<AuditEntry> history = all();

        assertThat(history).extracting(AuditEntry::tableName, AuditEntry::action, AuditEntry::recordId).containsExactly(
                Tuple.tuple("posts", "delete", post.id()),
                Tuple.tuple("posts", "update", post.id()),
                Tuple.tuple("posts", "create", post.id()),
                Tuple.tuple("users", "create", ann.id()));
        assertThat(history.get(0).changes()).isEqualTo("title: Hello again\nauthor: ann");
        assertThat(history.get(1).changes()).isEqualTo("title: Hello → Hello again\npublished: false → true");
        assertThat(history.get(2).changes()).isEqualTo("title: Hello\ncontent: First text\npublished: false\nauthor: ann");
        assertThat(history.get(3).changes()).isEqualTo("username: ann\nemail: ann@x.org\npassword: set");
        assertThat(history).allSatisfy(entry -> {
            assertThat(entry.desktopUser()).isEqualTo(EditingFixture.DESKTOP_USER);
            assertThat(entry.databaseRole()).isEqualTo(db.url().user());
            assertThat(entry.at()).isNotNull();
        });
    }

    @Test
    void theJsonKeepsOldAndNewValuesInFull() {
        EditableUser ann = fx.users.create(new UserDraft("ann", "ann@x.org", "a good password"), null);
        String longText = "word ".repeat(100) + "\"quoted\" \\ end";
        EditablePost post = fx.posts.create(new PostDraft("T", "short", false, ann.id()));
        fx.posts.update(post.id(), post.version(), new PostDraft("T", longText, false, ann.id()));

        assertThat(fx.text("SELECT changes -> 'content' ->> 'new' FROM postdesk_audit WHERE action = 'update'"))
                .isEqualTo(longText);
        assertThat(fx.text("SELECT changes -> 'content' ->> 'old' FROM postdesk_audit WHERE action = 'update'"))
                .isEqualTo("short");
        assertThat(fx.text("SELECT changes::text FROM postdesk_audit WHERE action = 'update'"))
                .doesNotContain("title", "published"); // only what changed
        assertThat(fx.audit.history(new AuditFilter("posts", post.id(), null), 1).get(0).changes())
                .startsWith("content: short → word word").endsWith("…").hasSizeLessThan(200);
    }

    @Test
    void passwordsAreRecordedAsChangedWithoutAnyHash() {
        EditableUser ann = fx.users.create(new UserDraft("ann", "ann@x.org", "first password"), null);
        String firstHash = fx.text("SELECT password_hash FROM users");
        fx.users.update(ann.id(), ann.version(), new UserDraft("ann", "ann@x.org", "second password"));
        String secondHash = fx.text("SELECT password_hash FROM users");

        String everything = String.join("\n", fx.column("SELECT changes::text FROM postdesk_audit"));
        assertThat(everything).doesNotContain(firstHash, secondHash, "argon2", "first password", "second password");
        assertThat(fx.audit.history(new AuditFilter("users", ann.id(), null), 10))
                .extracting(AuditEntry::changes).containsExactly("password: changed", "username: ann\nemail: ann@x.org\npassword: set");
    }

    @Test
    void aChangeThatFailsAtCommitTakesItsAuditRowWithIt() {
        EditableUser ann = fx.users.create(new UserDraft("ann", "ann@x.org", "a good password"), null);
        EditablePost post = fx.posts.create(new PostDraft("fine", "text", false, ann.id()));
        long before = fx.count("SELECT count(*) FROM postdesk_audit");

        assertThatThrownBy(() -> fx.posts.update(post.id(), post.version(), new PostDraft("boom", "text", false, ann.id())))
                .satisfies(e -> assertThat(ErrorMessages.describe(e)).contains("no boom"));
        assertThatThrownBy(() -> fx.posts.create(new PostDraft("boom", "text", false, ann.id())));

        assertThat(fx.text("SELECT title FROM posts")).isEqualTo("fine");
        assertThat(fx.count("SELECT count(*) FROM postdesk_audit")).isEqualTo(before);
    }

    @Test
    void aUserDeleteRecordsWhoAndHowManyPosts() {
        EditableUser ann = fx.users.create(new UserDraft("ann", "ann@x.org", "a good password"),
                new PostDraft("One", "text", false, null));

        fx.users.delete(ann.id());

        assertThat(fx.audit.history(new AuditFilter("users", ann.id(), null), 1).get(0))
                .extracting(AuditEntry::action, AuditEntry::changes)
                .containsExactly("delete", "username: ann\nemail: ann@x.org\nposts: 1");
    }

    @Test
    void historyFiltersByTableRecordAndWhoLiterally() {
        EditableUser ann = fx.users.create(new UserDraft("ann", "ann@x.org", "a good password"), null);
        EditablePost post = fx.posts.create(new PostDraft("Hello", "text", false, ann.id()));
        PostEditing jo = new PostEditing(db.transactions(), new PostEditStore(), new AuditStore("Jo_100%"));
        jo.create(new PostDraft("By Jo", "text", false, ann.id()));

        assertThat(fx.audit.history(new AuditFilter("posts", null, null), 10)).hasSize(2);
        assertThat(fx.audit.history(new AuditFilter("users", null, null), 10)).hasSize(1);
        assertThat(fx.audit.history(new AuditFilter(null, post.id(), null), 10)).extracting(AuditEntry::action)
                .containsExactly("create");
        assertThat(fx.audit.history(new AuditFilter(null, null, "DESK_OP"), 10)).hasSize(2);
        assertThat(fx.audit.history(new AuditFilter(null, null, "jo_100%"), 10)).hasSize(1);
        assertThat(fx.audit.history(new AuditFilter(null, null, "p_r"), 10)).isEmpty(); // "_" is no wildcard: not "oPERator"
        assertThat(fx.audit.history(new AuditFilter(null, null, "%"), 10)).hasSize(1); // literal, not "anything"
        assertThat(fx.audit.history(new AuditFilter(null, null, db.url().user()), 10)).hasSize(3); // the role
        assertThat(fx.audit.history(AuditFilter.ALL, 2)).hasSize(2);
    }

    @Test
    void historyLimitsAreChecked() {
        assertThatThrownBy(() -> fx.audit.history(AuditFilter.ALL, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fx.audit.history(AuditFilter.ALL, AuditStore.MAX_HISTORY + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
