package io.postdesk.db;

import io.postdesk.model.SchemaPlan;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Not a test (no surefire pattern): how long undo and uninstall take and how long posts' readers wait. */
class UndoTiming {
    @Test
    void measure() throws Exception {
        int posts = Integer.getInteger("posts", 200_000);
        try (TestDatabase db = TestDatabase.createEmpty()) {
            boolean adopted = Boolean.getBoolean("adopted"); // the tutorial's blog instead of PostDesk's V1
            if (adopted) {
                db.sql(SchemaUndoTest.tutorialBlog());
            } else {
                new Migrations(db.dataSource()).migrate(MigrationProgress.NONE, "1");
            }
            db.sql("INSERT INTO users (username, email, password_hash) SELECT 'u' || n, 'u' || n || '@x.org', 'h' FROM generate_series(1, 10000) n");
            db.sql("INSERT INTO posts (user_id, title, content, published, created_at) SELECT (SELECT id FROM users WHERE username = 'u' || (1 + n % 10000)),"
                    + " 'Title ' || n, repeat('word ' || n || ' ', 20), n % 3 = 0, now() - n * interval '1 minute' FROM generate_series(1, " + posts + ") n");
            long t0 = System.nanoTime();
            new Migrations(db.dataSource()).migrate();
            System.out.printf("TIMING migrate V1->latest %d posts (adopted blog: %s): %d ms%n", posts, adopted, (System.nanoTime() - t0) / 1_000_000);
            SchemaUndo undo = new SchemaUndo(db.dataSource());
            for (String step : new String[] {"back", "uninstall"}) {
                if (step.equals("uninstall")) {
                    new Migrations(db.dataSource()).migrate();
                }
                SchemaPlan plan = step.equals("back") ? undo.planTo("1") : undo.planUninstall();
                AtomicBoolean done = new AtomicBoolean();
                AtomicLong longestRead = new AtomicLong();
                java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
                Thread reader = new Thread(() -> {
                    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                        while (!done.get()) {
                            long r = System.nanoTime();
                            s.executeQuery("SELECT id FROM posts WHERE id = '00000000-0000-0000-0000-000000000000'").close();
                            longestRead.accumulateAndGet((System.nanoTime() - r) / 1_000_000, Math::max);
                            reading.countDown();
                            s.execute("SELECT pg_sleep(0.005)"); // a reader every 5 ms, paced by the server
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                reader.start();
                reading.await(); // the reader is connected and has read once before the undo starts
                long t = System.nanoTime();
                undo.apply(plan, line -> { });
                long took = (System.nanoTime() - t) / 1_000_000;
                done.set(true);
                reader.join();
                System.out.printf("TIMING %s from latest: %d ms, longest read of posts meanwhile %d ms%n", step, took, longestRead.get());
            }
        }
    }
}
