package io.postdesk.cli;

import io.postdesk.model.ChangeCursor;
import io.postdesk.service.RedisSync;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@code postdesk sync redis://HOST:PORT}: keeps a Redis database in step with users and posts
 * ({@link RedisSync}): a first run copies everything, then every run follows the changes until
 * Ctrl+C. Killed at any point, the next run goes on from the cursor Redis holds.
 */
@Command(mixinStandardHelpOptions = true, description = "Keep a Redis database in step with users and posts"
        + " (a hash per row, no password hashes), until Ctrl+C; a first run copies everything.")
final class SyncCommand implements Callable<Integer> {
    @ParentCommand
    private PostDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(paramLabel = "REDIS_URL", description = "redis://[user:password@]host:port[/db]")
    private String redisUrl;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "Changes written to Redis in one MULTI/EXEC (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Override
    public Integer call() {
        URI uri = redisUri();
        PrintWriter err = spec.commandLine().getErr();
        String where = uri.getHost() + ":" + uri.getPort();
        try (CommandDatabase db = CommandDatabase.connect(parent.databaseUrl(database), PostDeskCommand.connectionName(database)); Jedis redis = new Jedis(uri)) {
            db.workspace();
            RedisSync sync = db.connection().redisSync(redis, "redis sync " + where + uri.getPath(), batch);
            ChangeCursor last = Interruptible.run(cancellation -> sync.run(cancellation, line -> {
                err.println("postdesk: " + line);
                err.flush();
            }));
            err.println("postdesk: stopped; Redis holds the changes through " + last + ".");
            return CommandDatabase.EXIT_INTERRUPTED;
        } catch (JedisException e) {
            throw new CommandFailure("Redis at " + where + " failed: " + Secrets.mask(String.valueOf(e.getMessage())));
        }
    }

    private URI redisUri() {
        try {
            URI uri = new URI(redisUrl);
            if (!"redis".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0 || batch < 1) {
                throw new URISyntaxException(redisUrl, "not redis://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CommandFailure("'" + Secrets.mask(redisUrl) + "' is not a Redis address: write redis://HOST:PORT"
                    + (batch < 1 ? " (and --batch at least 1)" : "") + ".");
        }
    }
}
