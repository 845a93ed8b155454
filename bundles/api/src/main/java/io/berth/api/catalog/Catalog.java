package io.berth.api.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/** Images and plans on offer. */
@ProviderType
public interface Catalog {

    List<Image> images();

    Optional<Image> image(UUID id);

    List<Plan> plans();

    Optional<Plan> plan(UUID id);

    Limits limits();
}
