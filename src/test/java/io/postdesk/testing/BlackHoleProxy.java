package io.postdesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to a database server that can go silent: while {@link #silence()}d it keeps every
 * connection open but passes nothing either way, and new connections are accepted and never
 * answered, as when a server's host is switched off or a network drops packets (nothing closes
 * the connections, so a client hears nothing until a timeout). {@link #speak()} lets new
 * connections through again; the old ones stay dead, as after a real outage.
 */
public final class BlackHoleProxy implements AutoCloseable {
    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean silent;
    /** Bumped by each silence: relays of an older generation never pass a byte again. */
    private volatile int generation;

    public BlackHoleProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon(this::accept, "black-hole-accept");
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void silence() {
        generation++;
        silent = true;
    }

    public void speak() {
        silent = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (silent) {
                    continue; // accepted, never answered
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(server);
                int born = generation;
                daemon(() -> relay(client, server, born), "black-hole-up");
                daemon(() -> relay(server, client, born), "black-hole-down");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket from, Socket to, int born) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (generation != born) {
                    continue; // silenced: swallow, keep the connection open
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    private static void daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
