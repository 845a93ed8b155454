package io.berth.migrator.whmcs.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Berth's images and plans, read once per run to link imported servers to them. */
public record TargetCatalogue(List<Image> images, List<Plan> plans) {

    public record Image(UUID id, String name, String templateRef) {
    }

    public record Plan(UUID id, int cpuCores, int memoryMb, int diskGb) {
    }

    public TargetCatalogue {
        images = List.copyOf(images);
        plans = List.copyOf(plans);
    }

    public static TargetCatalogue read(Connection c) throws SQLException {
        List<Image> images = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select id, name, template_ref from images where active order by id")) {
                while (rs.next()) {
                    images.add(new Image(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "select id, cpu_cores, memory_mb, disk_gb from plans where active order by id")) {
                while (rs.next()) {
                    plans.add(new Plan(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                }
            }
        }
        return new TargetCatalogue(images, plans);
    }

    /** The image whose id, name or template_ref is {@code ref} (case-insensitive). */
    public Optional<Image> image(String ref) {
        String k = PipeName.normalize(ref);
        return images.stream().filter(i -> i.id().toString().equals(ref.strip()) || PipeName.normalize(i.name()).equals(k)
                || PipeName.normalize(i.templateRef()).equals(k)).findFirst();
    }

    /** A plan with exactly these sizes. */
    public Optional<Plan> plan(int cpu, int memory, int disk) {
        return plans.stream().filter(p -> p.cpuCores() == cpu && p.memoryMb() == memory && p.diskGb() == disk)
                .findFirst();
    }
}
