package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.health.PlatformHealth;
import io.berth.api.provider.ProviderHealth;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HealthResourceTest {

    @Test
    void aDatabaseThatIsDownOrACoreThatIsAbsentIs503() {
        assertThat(new HealthResource().health().getStatus()).isEqualTo(503);
        PlatformHealth down = new PlatformHealth() {
            @Override
            public ProviderHealth database() {
                return ProviderHealth.down("connection refused");
            }

            @Override
            public Map<String, ProviderHealth> providers() {
                return Map.of();
            }
        };
        assertThat(new HealthResource(down).health().getStatus()).isEqualTo(503);
    }
}
