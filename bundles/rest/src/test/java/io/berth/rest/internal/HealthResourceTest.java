package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.health.PlatformHealth;
import io.berth.api.provider.ProviderHealth;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

class HealthResourceTest {

    @Test
    void aDatabaseThatIsDownOrACoreThatIsAbsentIs503() {
        ResourceConfig everything = new ResourceConfig();
        HealthResource.API.forEach(everything::register);
        assertThat(new HealthResource().health(everything).getStatus()).isEqualTo(503);
        assertThat(new HealthResource(platform(ProviderHealth.down("connection refused"))).health(everything).getStatus())
                .isEqualTo(503);
        assertThat(new HealthResource(platform(ProviderHealth.up("PostgreSQL 17.6"))).health(everything).getStatus())
                .isEqualTo(200);
    }

    @Test
    void anApplicationWithoutEveryResourceOfTheApiServesA503ThatNamesTheMissingOnes() {
        // served the way the whiteboard serves a part of the API, through Jersey's whole pipeline
        InMemoryApi partial = new InMemoryApi(new JsonFeature(), new OpenApiResource(),
                new HealthResource(platform(ProviderHealth.up("PostgreSQL 17.6"))));

        InMemoryApi.Reply reply = partial.get("health");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().path("checks").path("database").path("status").asText()).isEqualTo("UP");
        assertThat(reply.json().path("checks").path("api").path("detail").asText()).isEqualTo("starting: waiting for "
                + "LoginResource, UsersResource, ServersResource, ImagesResource, PlansResource, AdminUsersResource, "
                + "AdminServersResource");
    }

    @Test
    void aResourceCountsWhetherTheApplicationHoldsItAsAnObjectOrAsAClass() {
        ResourceConfig application = new ResourceConfig().register(new OpenApiResource()).register(LoginResource.class);

        assertThat(HealthResource.serves(application, OpenApiResource.class)).isTrue();
        assertThat(HealthResource.serves(application, LoginResource.class)).isTrue();
        assertThat(HealthResource.serves(application, UsersResource.class)).isFalse();
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
}
