package io.postdesk.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.launch.PackageVersion.Platform;
import org.junit.jupiter.api.Test;

class PackageVersionTest {
    @Test
    void aSnapshotLosesItsQualifier() {
        assertThat(PackageVersion.of("0.3.0-SNAPSHOT", Platform.LINUX)).isEqualTo("0.3.0");
        assertThat(PackageVersion.of("1.2.3-rc1", Platform.WINDOWS)).isEqualTo("1.2.3");
        assertThat(PackageVersion.of("2.0.1.Final", Platform.MACOS)).isEqualTo("2.0.1");
    }

    @Test
    void shortVersionsArePaddedAndLongOnesCutToThreeNumbers() {
        assertThat(PackageVersion.of("1", Platform.LINUX)).isEqualTo("1.0.0");
        assertThat(PackageVersion.of("1.4-SNAPSHOT", Platform.LINUX)).isEqualTo("1.4.0");
        assertThat(PackageVersion.of("1.2.3.4", Platform.LINUX)).isEqualTo("1.2.3");
        assertThat(PackageVersion.of("01.02.003", Platform.LINUX)).isEqualTo("1.2.3");
    }

    @Test
    void aVersionWithoutLeadingNumberIsRefused() {
        assertThatThrownBy(() -> PackageVersion.of("SNAPSHOT", Platform.LINUX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not start with a number");
    }

    @Test
    void windowsLimitsAreChecked() {
        assertThat(PackageVersion.of("255.255.65535", Platform.WINDOWS)).isEqualTo("255.255.65535");
        assertThatThrownBy(() -> PackageVersion.of("256.0.0", Platform.WINDOWS)).hasMessageContaining("255.255.65535");
        assertThatThrownBy(() -> PackageVersion.of("1.0.65536", Platform.WINDOWS)).hasMessageContaining(".msi");
        assertThat(PackageVersion.of("256.0.0", Platform.LINUX)).isEqualTo("256.0.0");
    }

    @Test
    void macOsNeedsAFirstNumberOfAtLeastOne() {
        assertThatThrownBy(() -> PackageVersion.of("0.3.0-SNAPSHOT", Platform.MACOS)).hasMessageContaining("at least 1");
        assertThat(PackageVersion.of("1.0.0", Platform.MACOS)).isEqualTo("1.0.0");
    }
}
