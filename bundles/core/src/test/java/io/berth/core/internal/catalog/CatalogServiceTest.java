package io.berth.core.internal.catalog;

import static io.berth.core.internal.db.schema.Tables.IMAGES;
import static io.berth.core.internal.db.schema.Tables.PLANS;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.catalog.Image;
import io.berth.api.catalog.Plan;
import io.berth.core.internal.TestConfigs;
import io.berth.core.internal.db.TestDatabase;

import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogServiceTest {

    private final DSLContext db = TestDatabase.dsl();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private CatalogService catalog;

    @BeforeEach
    void setUp() throws Exception {
        catalog = new CatalogService(db, TestConfigs.of(CatalogConfig.class, Map.of(
                "images", new String[] {"pve-cat|pve1/" + suffix + "|Debian 13 " + suffix + "|debian|12|full"},
                "plans", new String[] {"tiny-" + suffix + "|1|512|10"})));
    }

    @Test
    void looksUpAnActiveImageAndPlanById() {
        Image image = catalog.images().stream().filter(i -> i.templateRef().equals("pve1/" + suffix)).findFirst()
                .orElseThrow();
        Plan plan = catalog.plans().stream().filter(p -> p.name().equals("tiny-" + suffix)).findFirst().orElseThrow();

        assertThat(catalog.image(image.id())).contains(image);
        assertThat(image.minDiskGb()).isEqualTo(12);
        assertThat(image.linkedClone()).isFalse();
        assertThat(catalog.plan(plan.id())).contains(plan);
        assertThat(plan.memoryMb()).isEqualTo(512);
        assertThat(catalog.image(UUID.randomUUID())).isEmpty();
        assertThat(catalog.plan(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aRetiredImageOrPlanIsNotFound() {
        Image image = catalog.images().stream().filter(i -> i.templateRef().equals("pve1/" + suffix)).findFirst()
                .orElseThrow();
        Plan plan = catalog.plans().stream().filter(p -> p.name().equals("tiny-" + suffix)).findFirst().orElseThrow();

        db.update(IMAGES).set(IMAGES.ACTIVE, false).where(IMAGES.ID.eq(image.id())).execute();
        db.update(PLANS).set(PLANS.ACTIVE, false).where(PLANS.ID.eq(plan.id())).execute();

        assertThat(catalog.image(image.id())).isEmpty();
        assertThat(catalog.plan(plan.id())).isEmpty();
        assertThat(catalog.images()).doesNotContain(image);
    }
}
