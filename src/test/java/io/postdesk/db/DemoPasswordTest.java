package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.service.PasswordHasher;
import org.junit.jupiter.api.Test;

class DemoPasswordTest {

    @Test
    void demoHashMatchesTheDocumentedDemoPassword() {
        PasswordHasher hasher = new PasswordHasher();

        assertThat(PasswordHasher.isArgon2idHash(DemoData.DEMO_PASSWORD_HASH)).isTrue();
        assertThat(hasher.verify("postdesk-demo", DemoData.DEMO_PASSWORD_HASH)).isTrue();
        assertThat(hasher.verify("postdesk-demo2", DemoData.DEMO_PASSWORD_HASH)).isFalse();
    }
}
