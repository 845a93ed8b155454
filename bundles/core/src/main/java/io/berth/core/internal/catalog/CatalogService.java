package io.berth.core.internal.catalog;

import static io.berth.core.internal.db.schema.Tables.IMAGES;
import static io.berth.core.internal.db.schema.Tables.PLANS;

import io.berth.api.catalog.Catalog;
import io.berth.api.catalog.Image;
import io.berth.api.catalog.Limits;
import io.berth.api.catalog.Plan;
import io.berth.core.internal.db.RenderedQuery;
import io.berth.core.internal.db.schema.tables.records.ImagesRecord;
import io.berth.core.internal.db.schema.tables.records.PlansRecord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Images and plans, from the database; the configured ones are upserted at activation. */
@Component(service = Catalog.class, configurationPid = CatalogConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CatalogConfig.class)
public final class CatalogService implements Catalog {

    private final DSLContext db;
    private final Limits limits;
    /** Every order looks up its image and plan: rendered once. */
    private final RenderedQuery imageById;
    private final RenderedQuery planById;

    @Activate
    public CatalogService(@Reference(target = "(berth.datasource=main)") DSLContext db, CatalogConfig config)
            throws ConfigurationException {
        this.db = db;
        this.limits = new Limits(config.max_cpu_cores(), config.max_memory_mb(), config.max_disk_gb());
        seed(config);
        this.imageById = new RenderedQuery(db, db.selectFrom(IMAGES)
                .where(IMAGES.ID.eq(DSL.param("id", IMAGES.ID.getDataType())).and(IMAGES.ACTIVE.eq(DSL.inline(true)))));
        this.planById = new RenderedQuery(db, db.selectFrom(PLANS)
                .where(PLANS.ID.eq(DSL.param("id", PLANS.ID.getDataType())).and(PLANS.ACTIVE.eq(DSL.inline(true)))));
    }

    private void seed(CatalogConfig config) throws ConfigurationException {
        for (String plan : config.plans() == null ? new String[0] : config.plans()) {
            String[] f = split(plan, 4, "plans", "name|cpu_cores|memory_mb|disk_gb");
            db.insertInto(PLANS).set(PLANS.ID, UUID.nameUUIDFromBytes(("plan:" + f[0]).getBytes()))
                    .set(PLANS.NAME, f[0]).set(PLANS.CPU_CORES, number(f[1], "plans")).set(PLANS.MEMORY_MB, number(f[2], "plans"))
                    .set(PLANS.DISK_GB, number(f[3], "plans")).set(PLANS.CREATED_AT, Instant.now())
                    .onConflict(PLANS.NAME).doUpdate()
                    .set(PLANS.CPU_CORES, number(f[1], "plans")).set(PLANS.MEMORY_MB, number(f[2], "plans"))
                    .set(PLANS.DISK_GB, number(f[3], "plans")).execute();
        }
        for (String image : config.images() == null ? new String[0] : config.images()) {
            String[] f = split(image, 6, "images", "hypervisor_id|template_ref|name|os|min_disk_gb|linked or full");
            boolean linked = "linked".equalsIgnoreCase(f[5]);
            db.insertInto(IMAGES).set(IMAGES.ID, UUID.nameUUIDFromBytes(("image:" + f[0] + "/" + f[1]).getBytes()))
                    .set(IMAGES.HYPERVISOR_ID, f[0]).set(IMAGES.TEMPLATE_REF, f[1]).set(IMAGES.NAME, f[2])
                    .set(IMAGES.OS, f[3]).set(IMAGES.MIN_DISK_GB, number(f[4], "images"))
                    .set(IMAGES.LINKED_CLONE, linked).set(IMAGES.CREATED_AT, Instant.now())
                    .onConflictOnConstraint(IMAGES.getUniqueKeys().get(0)).doUpdate()
                    .set(IMAGES.NAME, f[2]).set(IMAGES.OS, f[3]).set(IMAGES.MIN_DISK_GB, number(f[4], "images"))
                    .set(IMAGES.LINKED_CLONE, linked).execute();
        }
    }

    private static String[] split(String entry, int fields, String key, String format) throws ConfigurationException {
        String[] f = entry.split("\\|");
        if (f.length != fields) {
            throw new ConfigurationException(key, "entry '" + entry + "' is not " + format);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].trim();
        }
        return f;
    }

    private static int number(String s, String key) throws ConfigurationException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "'" + s + "' is not a number");
        }
    }

    @Override
    public List<Image> images() {
        return db.selectFrom(IMAGES).where(IMAGES.ACTIVE.isTrue()).orderBy(IMAGES.NAME).fetch(CatalogService::image);
    }

    @Override
    public Optional<Image> image(UUID id) {
        return Optional.ofNullable(imageById.fetchOne(db, id)).map(r -> image(r.into(IMAGES)));
    }

    @Override
    public List<Plan> plans() {
        return db.selectFrom(PLANS).where(PLANS.ACTIVE.isTrue()).orderBy(PLANS.CPU_CORES, PLANS.MEMORY_MB, PLANS.NAME)
                .fetch(CatalogService::plan);
    }

    @Override
    public Optional<Plan> plan(UUID id) {
        return Optional.ofNullable(planById.fetchOne(db, id)).map(r -> plan(r.into(PLANS)));
    }

    @Override
    public Limits limits() {
        return limits;
    }

    static Image image(ImagesRecord r) {
        return new Image(r.getId(), r.getName(), r.getOs(), r.getMinDiskGb(), r.getHypervisorId(), r.getTemplateRef(),
                r.getLinkedClone());
    }

    static Plan plan(PlansRecord r) {
        return new Plan(r.getId(), r.getName(), r.getCpuCores(), r.getMemoryMb(), r.getDiskGb());
    }
}
