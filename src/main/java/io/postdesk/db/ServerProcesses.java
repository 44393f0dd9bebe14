package io.postdesk.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the operating system knows about the processes of a PostgreSQL cluster.
 *
 * <p>On Linux {@code /proc} tells the most, and is used first: every PostgreSQL process has the
 * cluster folder as its working directory (the postmaster changes into it, its children inherit
 * it), and a zombie (ended, not yet reaped) still has a pid but serves nobody.
 *
 * <p>Elsewhere (macOS) only the JDK's view ({@code ProcessHandle.Info}) is there, which tells no
 * working directory and no zombie, and shows a forked child's command but not its arguments:
 * <ul>
 * <li>the postmaster is recognised by its command line, which holds {@code -D cluster} and the
 *     {@code cluster_name} PostDesk gives every server it starts ({@link #clusterName});</li>
 * <li>the backends a killed postmaster left behind are recognised as orphans ({@link #orphansSeenByJdk}):
 *     a {@code postgres} program of this user, not a postmaster, started no earlier than the dead
 *     postmaster (postmaster.pid), whose parent is no longer a {@code postgres} process. Another
 *     server's backends always have their live postmaster as parent, so they are never taken;</li>
 * <li>a zombie postmaster cannot be told from a live one: the wait for its reap is Linux only.</li>
 * </ul>
 * On Windows the JDK gives no arguments either: a {@code postgres} under the pid in postmaster.pid
 * is taken for the cluster's, as before. The orphan rule is the same there (PostgreSQL's Windows
 * backends end with their postmaster, so there is rarely anything to find).
 */
final class ServerProcesses {
    private static final Path PROC = Path.of("/proc");

    private ServerProcesses() {
    }

    /** True when {@code pid} is a live process (not a zombie waiting to be reaped). */
    static boolean isRunning(long pid) {
        if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        return !"Z".equals(state(pid).orElse(""));
    }

    /**
     * True while {@code pid} is a zombie: ended, but holding its pid until its parent reaps it (then
     * kill(pid, 0) still answers). False where /proc is not there.
     */
    static boolean isZombie(long pid) {
        return pid > 0 && "Z".equals(state(pid).orElse(""));
    }

    /**
     * The live PostgreSQL processes of {@code cluster} (its postmaster and its backends, or what a
     * dead postmaster left): by working directory where /proc is there, else as the JDK sees them
     * ({@link #orphansSeenByJdk}).
     */
    static List<ProcessHandle> workingIn(Path cluster) {
        if (!Files.isDirectory(PROC)) {
            return orphansSeenByJdk(cluster);
        }
        return ProcessHandle.allProcesses().filter(process -> belongsTo(process, cluster)).toList();
    }

    /**
     * The {@code cluster_name} PostDesk gives the server of {@code cluster}: "postdesk-" and 12 hex
     * digits of the SHA-256 of the folder's real path, so two data folders never share one.
     */
    static String clusterName(Path cluster) {
        Path path;
        try {
            path = cluster.toRealPath();
        } catch (IOException e) {
            path = cluster.toAbsolutePath().normalize();
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "postdesk-" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The backends a dead postmaster of {@code cluster} left running, found with the JDK alone: the
     * live processes of this user, other than this JVM, that run a program called postgres, are not
     * a postmaster (a postmaster's arguments name its cluster with -D; a backend shows none, or its
     * process title), started no earlier than the postmaster named in postmaster.pid, and whose
     * parent is gone or no longer a postgres program (the orphans were handed to init). Empty
     * without a readable postmaster.pid.
     */
    static List<ProcessHandle> orphansSeenByJdk(Path cluster) {
        java.util.Optional<java.time.Instant> postmasterStart = postmasterStart(cluster.resolve("postmaster.pid"));
        if (postmasterStart.isEmpty()) {
            return List.of();
        }
        java.util.Optional<String> me = ProcessHandle.current().info().user();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != ProcessHandle.current().pid())
                .filter(ServerProcesses::runsPostgres)
                .filter(process -> me.isEmpty() || process.info().user().equals(me))
                .filter(process -> !commandLine(process).contains(" -D "))
                // Both times are coarse (postmaster.pid: whole seconds; Linux's start times: from the
                // boot time in whole seconds), so a backend started in the postmaster's first second
                // may look older than it: two seconds of slack.
                .filter(process -> process.info().startInstant()
                        .map(started -> !started.isBefore(postmasterStart.get().minusSeconds(2))).orElse(false))
                .filter(process -> process.parent().filter(ProcessHandle::isAlive)
                        .filter(ServerProcesses::runsPostgres).isEmpty())
                .filter(process -> isRunning(process.pid()))
                .toList();
    }

    private static boolean runsPostgres(ProcessHandle process) {
        return process.info().command().map(Path::of).map(Path::getFileName).map(Path::toString)
                .map(name -> name.equals("postgres") || name.equals("postgres.exe")).orElse(false);
    }

    /** The third line of postmaster.pid: when the postmaster started, in seconds since the epoch (whole seconds, so floored). */
    private static java.util.Optional<java.time.Instant> postmasterStart(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.size() < 3 ? java.util.Optional.empty()
                    : java.util.Optional.of(java.time.Instant.ofEpochSecond(Long.parseLong(lines.get(2).strip())));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The command line and arguments as the JDK knows them ("" when it does not). */
    private static String commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().orElse("") + " " + String.join(" ", info.arguments().orElse(new String[0]));
    }

    /**
     * True when {@code process} is a running PostgreSQL process of {@code cluster}: not one of
     * another cluster that got a pid written in an old postmaster.pid.
     */
    static boolean belongsTo(ProcessHandle process, Path cluster) {
        if (process.pid() == ProcessHandle.current().pid() || !isRunning(process.pid()) || !isPostgres(process)) {
            return false;
        }
        if (!Files.isDirectory(PROC)) {
            // The cluster's name in its command line; where the JDK cannot read command lines (Windows),
            // no way to tell: as before, a postgres under that pid is taken for ours.
            // A postmaster started before the name was given still has "-D cluster" in its command line.
            String line = commandLine(process).strip();
            return line.isEmpty() || line.contains(clusterName(cluster)) || line.contains(cluster.toString());
        }
        try {
            return cluster.toRealPath().equals(workingDirectory(process.pid()).orElse(null));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.contains("postgres")).orElse(true);
    }

    private static Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty(); // gone, or another user's
        }
    }

    /** The state letter of /proc/PID/stat: after the command name in parentheses, which may hold any character. */
    private static Optional<String> state(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() ? Optional.empty()
                    : Optional.of(stat.substring(end + 2, end + 3));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
