package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMemoryTest {
    private static final long GB = 1024L * 1024 * 1024;

    @Test
    void anEighthOfTheMachineBetween128MbAnd2Gb() {
        assertThat(ServerMemory.sharedBuffersMb(0)).isEqualTo(128);
        assertThat(ServerMemory.sharedBuffersMb(GB / 2)).isEqualTo(128);
        assertThat(ServerMemory.sharedBuffersMb(8 * GB)).isEqualTo(1024);
        assertThat(ServerMemory.sharedBuffersMb(64 * GB)).isEqualTo(2048);
    }

    @Test
    void thePlannerCountsOnHalfTheMachineForCaching() {
        assertThat(ServerMemory.effectiveCacheMb(16 * GB)).isEqualTo(8192);
        assertThat(ServerMemory.effectiveCacheMb(0)).isEqualTo(128);
    }

    @Test
    void thisMachineHasMemory() {
        assertThat(ServerMemory.physicalBytes()).isPositive();
    }
}
