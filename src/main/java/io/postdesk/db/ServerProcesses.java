package io.postdesk.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the operating system knows about the processes of a PostgreSQL cluster. On Linux it reads
 * {@code /proc}: a zombie still has a pid but serves nobody, and every PostgreSQL process has the
 * cluster folder as its working directory (the postmaster changes into it, its children inherit
 * it), which finds the backends a killed postmaster left behind. Elsewhere the JDK's view is all.
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

    /** The live PostgreSQL processes working in {@code cluster}; empty where /proc is not there. */
    static List<ProcessHandle> workingIn(Path cluster) {
        if (!Files.isDirectory(PROC)) {
            return List.of();
        }
        return ProcessHandle.allProcesses().filter(process -> belongsTo(process, cluster)).toList();
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
            return true; // no way to tell: as before, a postgres under that pid is taken for ours
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
