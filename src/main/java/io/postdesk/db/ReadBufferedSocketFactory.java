package io.postdesk.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is read in blocks of {@link #BUFFER} bytes. pgjdbc reads the
 * socket through a buffer of its own of 8 KiB (fixed in the driver), so a 1.26 GB export took
 * some 700,000 read(2) calls plus a poll(2) for each that found nothing yet (the socket timeout
 * makes the JDK read non-blocking), where psql's libpq reads about 16 KiB at a time; measured
 * with {@code strace -c} (docs/PERFORMANCE.md, export12). Under the driver's buffer this one
 * takes what the kernel has, up to 64 KiB per call.
 *
 * <p>Given to the driver as {@code socketFactory} by {@link ConnectionPool} (users cannot name a
 * socket factory in their URL; see DriverParameters). It only buffers reads: writes, timeouts,
 * keep-alive, close and the SSL upgrade (which layers over this socket) are the JDK's own.
 */
public final class ReadBufferedSocketFactory extends SocketFactory {
    static final int BUFFER = 64 * 1024;

    /** pgjdbc instantiates the factory by its class name, with no arguments. */
    public ReadBufferedSocketFactory() {
    }

    @Override
    public Socket createSocket() {
        return new ReadBufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new ReadBufferedSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A socket whose one input stream is buffered. */
    static final class ReadBufferedSocket extends Socket {
        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new ReadAhead(super.getInputStream());
            }
            return input;
        }
    }

    /**
     * One read(2) of up to {@link #BUFFER} bytes whenever the buffer is empty, and nothing more:
     * unlike BufferedInputStream it never asks the socket {@code available()} (an ioctl per read)
     * to decide whether to read again. Not thread-safe: the driver reads a connection from one
     * thread at a time.
     */
    static final class ReadAhead extends InputStream {
        private final InputStream in;
        private final byte[] buffer = new byte[BUFFER];
        private int position;
        private int end;

        ReadAhead(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (position == end && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, into.length);
            if (length == 0) {
                return 0;
            }
            if (position == end) {
                if (length >= buffer.length) {
                    return in.read(into, offset, length); // as large as ours: straight in
                }
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(length, end - position);
            System.arraycopy(buffer, position, into, offset, n);
            position += n;
            return n;
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            position = 0;
            end = n;
            return true;
        }

        @Override
        public int available() throws IOException {
            return end - position + in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
