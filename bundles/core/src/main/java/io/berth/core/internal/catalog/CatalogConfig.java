package io.berth.core.internal.catalog;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Berth catalog",
        description = "Images and plans on offer, and the bounds of free-form sizing. Listed entries are added or "
                + "updated at start; entries made otherwise are kept.")
public @interface CatalogConfig {

    String PID = "io.berth.core.catalog";

    @AttributeDefinition(name = "Plans", description = "name|cpu_cores|memory_mb|disk_gb", required = false)
    String[] plans() default {"small|1|1024|20", "medium|2|2048|40", "large|4|8192|80"};

    @AttributeDefinition(name = "Images",
            description = "hypervisor_id|template_ref|name|os|min_disk_gb|linked or full", required = false)
    String[] images() default {};

    @AttributeDefinition(name = "Largest CPU count", min = "1")
    int max_cpu_cores() default 16;

    @AttributeDefinition(name = "Largest memory (MiB)", min = "256")
    int max_memory_mb() default 65536;

    @AttributeDefinition(name = "Largest disk (GiB)", min = "1")
    int max_disk_gb() default 2000;
}
