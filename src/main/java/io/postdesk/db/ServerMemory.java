package io.postdesk.db;

import java.lang.management.ManagementFactory;

/**
 * How much memory the embedded PostgreSQL may keep pages in. PostgreSQL's default (128 MB) is
 * made for a server that shares a small machine; at a million posts the tables and indexes are
 * about 3.6 GB, and a big write with 128 MB of buffers spends its time evicting dirty pages
 * (a bulk publish of 5,000 posts read 750,000 buffers and wrote 600,000 of them back). An eighth
 * of the machine's memory, at most 2 GB: a desktop shares it with everything else, and the
 * operating system caches the rest of the files anyway. The memory is only used once pages are
 * read into it.
 */
public final class ServerMemory {
    static final long MIN_SHARED_BUFFERS_MB = 128;
    static final long MAX_SHARED_BUFFERS_MB = 2048;

    private ServerMemory() {
    }

    /** shared_buffers for a machine with {@code physicalBytes} of memory, in megabytes. */
    public static long sharedBuffersMb(long physicalBytes) {
        long eighth = physicalBytes / 8 / (1024 * 1024);
        return Math.max(MIN_SHARED_BUFFERS_MB, Math.min(MAX_SHARED_BUFFERS_MB, eighth));
    }

    /** The planner's idea of the file cache (shared buffers plus the operating system's): half the memory. */
    static long effectiveCacheMb(long physicalBytes) {
        return Math.max(sharedBuffersMb(physicalBytes), physicalBytes / 2 / (1024 * 1024));
    }

    /** This machine's memory; 0 when the JVM cannot tell (then the minimum applies). */
    public static long physicalBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }
}
