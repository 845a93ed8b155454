package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.health.PlatformHealth;
import io.berth.api.provider.ProviderHealth;

import jakarta.ws.rs.core.Response;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HealthResourceTest {

    @Test
    void aDatabaseThatIsDownOrACoreThatIsAbsentIs503() {
        assertThat(new HealthResource().health().getStatus()).isEqualTo(503);
        assertThat(new HealthResource(platform(ProviderHealth.down("connection refused"))).health().getStatus())
                .isEqualTo(503);
    }

    @Test
    void itIs200OnlyOnceEveryResourceOfTheApiIsRegistered() {
        HealthResource health = new HealthResource();
        health.setPlatform(platform(ProviderHealth.up("PostgreSQL 17.6")));
        HealthResource.API.stream().filter(name -> !name.endsWith(".LoginResource"))
                .forEach(name -> health.came(Map.of("component.name", name)));

        Response starting = health.health();
        assertThat(starting.getStatus()).isEqualTo(503);
        assertThat(api(starting)).isEqualTo(new HealthResource.Check("DOWN", "starting: waiting for LoginResource"));

        health.login(Map.of("component.name", LoginResource.class.getName()));
        assertThat(health.health().getStatus()).isEqualTo(200);
        assertThat(api(health.health())).isEqualTo(new HealthResource.Check("UP", "every resource registered"));

        health.gone(Map.of("component.name", ServersResource.class.getName()));
        assertThat(health.health().getStatus()).isEqualTo(503);
        assertThat(api(health.health()).detail()).isEqualTo("starting: waiting for ServersResource");
    }

    /** A core whose database is in that state and that has no providers. */
    private static PlatformHealth platform(ProviderHealth database) {
        return new PlatformHealth() {
            @Override
            public ProviderHealth database() {
                return database;
            }

            @Override
            public Map<String, ProviderHealth> providers() {
                return Map.of();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static HealthResource.Check api(Response response) {
        return ((Map<String, HealthResource.Check>) ((Map<String, Object>) response.getEntity()).get("checks")).get("api");
    }
}
