package io.postdesk.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/**
 * A real Redis (Debian's redis-server) for one test class, on a free port with its own folder
 * and no persistence; stopped on close. {@link #binary()} is empty when it is not installed
 * ({@code apt-get install -y redis-server}; .ci/run installs it): the tests then report that.
 */
public final class RedisServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** redis-server on the PATH or in /usr/bin, /usr/local/bin. */
    public static Optional<Path> binary() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(folder -> !folder.isEmpty()).map(Path::of);
        return Stream.concat(onPath, Stream.of(Path.of("/usr/bin"), Path.of("/usr/local/bin")))
                .map(folder -> folder.resolve("redis-server")).filter(Files::isExecutable).findFirst();
    }

    public static RedisServer start(Path binary, Path folder) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", folder.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--logfile", folder.resolve("redis.log").toString()))
                .redirectErrorStream(true).redirectOutput(folder.resolve("redis-stdout.txt").toFile()).start();
        RedisServer server = new RedisServer(process, port);
        Eventually.until(Duration.ofSeconds(20), () -> "redis-server answering on port " + port, server::answers);
        return server;
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server ended with exit code " + process.exitValue());
        }
        try (Jedis jedis = client()) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public Jedis client() {
        return new Jedis("127.0.0.1", port);
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
