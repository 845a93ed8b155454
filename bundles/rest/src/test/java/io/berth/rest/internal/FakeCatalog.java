package io.berth.rest.internal;

import io.berth.api.catalog.Catalog;
import io.berth.api.catalog.Image;
import io.berth.api.catalog.Limits;
import io.berth.api.catalog.Plan;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One image and one plan. */
final class FakeCatalog implements Catalog {

    static final Image UBUNTU = new Image(UUID.fromString("00000000-0000-0000-0000-0000000000aa"), "Ubuntu 24.04",
            "ubuntu", 10, "pve-main", "9000", true);
    static final Plan SMALL = new Plan(UUID.fromString("00000000-0000-0000-0000-0000000000bb"), "small", 2, 2048, 20);

    @Override
    public List<Image> images() {
        return List.of(UBUNTU);
    }

    @Override
    public Optional<Image> image(UUID id) {
        return UBUNTU.id().equals(id) ? Optional.of(UBUNTU) : Optional.empty();
    }

    @Override
    public List<Plan> plans() {
        return List.of(SMALL);
    }

    @Override
    public Optional<Plan> plan(UUID id) {
        return SMALL.id().equals(id) ? Optional.of(SMALL) : Optional.empty();
    }

    @Override
    public Limits limits() {
        return new Limits(8, 16384, 200);
    }
}
