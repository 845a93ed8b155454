package io.berth.migrator.whmcs.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/**
 * Writes imported servers in JDBC batches. Imported servers exist already (on Proxmox), so no job is created. An
 * update sets only the column groups whose WHMCS data changed; a status change moves the server into or out of
 * {@code suspended} (remembering the status to resume to) and leaves other Berth statuses alone; servers that
 * Berth is terminating or terminated are not updated.
 */
public final class ServerStore implements AutoCloseable {

    private final boolean dryRun;
    private final ColumnBatch insert;
    private final PreparedStatement update;
    private int updates;

    public ServerStore(Connection connection, boolean dryRun) throws SQLException {
        this.dryRun = dryRun;
        this.insert = new ColumnBatch(connection, "insert into servers (id, owner_id, name, status, status_detail, "
                + "resume_status, image_id, plan_id, cpu_cores, memory_mb, disk_gb, hypervisor_id, node, vm_id, "
                + "ip_address, location, attributes, created_at, updated_at) "
                + "select id, owner_id, name, status, status_detail, resume_status, image_id, plan_id, cpu_cores, "
                + "memory_mb, disk_gb, hypervisor_id, node, vm_id, ip_address, location, attributes, "
                + "coalesce(created, now()), now() "
                + "from unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], "
                + "?::uuid[], ?::uuid[], ?::int4[], ?::int4[], ?::int4[], ?::varchar[], ?::varchar[], ?::varchar[], "
                + "?::varchar[], ?::varchar[], ?::text[], ?::date[]) as r(id, owner_id, name, status, status_detail, "
                + "resume_status, image_id, plan_id, cpu_cores, memory_mb, disk_gb, hypervisor_id, node, vm_id, "
                + "ip_address, location, attributes, created)",
                "uuid", "uuid", "varchar", "varchar", "varchar", "varchar", "uuid", "uuid", "int4", "int4", "int4",
                "varchar", "varchar", "varchar", "varchar", "varchar", "text", "date");
        String spec = "case when ?::boolean then ? else %s end";
        this.update = connection.prepareStatement("update servers set "
                + "owner_id = " + spec.formatted("owner_id") + ", "
                + "name = " + spec.formatted("name") + ", "
                + "cpu_cores = " + spec.formatted("cpu_cores") + ", "
                + "memory_mb = " + spec.formatted("memory_mb") + ", "
                + "disk_gb = " + spec.formatted("disk_gb") + ", "
                + "image_id = " + spec.formatted("image_id") + ", "
                + "plan_id = " + spec.formatted("plan_id") + ", "
                + "location = " + spec.formatted("location") + ", "
                + "attributes = " + spec.formatted("attributes") + ", "
                + "created_at = case when ?::boolean then coalesce(?, created_at) else created_at end, "
                + "hypervisor_id = " + spec.formatted("hypervisor_id") + ", "
                + "node = " + spec.formatted("node") + ", "
                + "vm_id = " + spec.formatted("vm_id") + ", "
                + "ip_address = " + spec.formatted("ip_address") + ", "
                + "status = case when not ?::boolean then status "
                + "  when ?::varchar = 'suspended' then 'suspended' "
                + "  when status = 'suspended' then coalesce(resume_status, 'running') else status end, "
                + "resume_status = case when not ?::boolean then resume_status "
                + "  when ?::varchar = 'suspended' then (case when status = 'suspended' then resume_status "
                + "    when status in ('running', 'stopped') then status else 'running' end) "
                + "  when status = 'suspended' then null else resume_status end, "
                + "status_detail = case when ?::boolean then ? else status_detail end, "
                + "updated_at = now() "
                + "where id = ? and status not in ('terminating', 'terminated')");
    }

    public void insert(UUID id, UUID owner, ServerRecord s) throws SQLException {
        if (dryRun) {
            return;
        }
        insert.add(id, owner, s.name(), s.status(), s.statusDetail(), s.resumeStatus(), s.imageId(), s.planId(),
                s.cpuCores(), s.memoryMb(), s.diskGb(), s.hypervisorId(), s.node(), s.vmId(), s.ipAddress(),
                s.location(), s.attributes(), s.createdAt() == null ? null : Date.valueOf(s.createdAt()));
    }

    public void update(UUID id, UUID owner, ServerRecord s, boolean spec, boolean placement, boolean status)
            throws SQLException {
        if (dryRun) {
            return;
        }
        int i = 1;
        i = set(i, spec, owner, Types.OTHER);
        i = set(i, spec, s.name(), Types.VARCHAR);
        i = set(i, spec, s.cpuCores(), Types.INTEGER);
        i = set(i, spec, s.memoryMb(), Types.INTEGER);
        i = set(i, spec, s.diskGb(), Types.INTEGER);
        i = set(i, spec, s.imageId(), Types.OTHER);
        i = set(i, spec, s.planId(), Types.OTHER);
        i = set(i, spec, s.location(), Types.VARCHAR);
        i = set(i, spec, s.attributes(), Types.VARCHAR);
        i = set(i, spec, s.createdAt() == null ? null : Date.valueOf(s.createdAt()), Types.DATE);
        i = set(i, placement, s.hypervisorId(), Types.VARCHAR);
        i = set(i, placement, s.node(), Types.VARCHAR);
        i = set(i, placement, s.vmId(), Types.VARCHAR);
        i = set(i, placement, s.ipAddress(), Types.VARCHAR);
        i = set(i, status, s.status(), Types.VARCHAR);
        i = set(i, status, s.status(), Types.VARCHAR);
        i = set(i, status, s.statusDetail(), Types.VARCHAR);
        update.setObject(i, id);
        update.addBatch();
        updates++;
    }

    private int set(int i, boolean flag, Object value, int type) throws SQLException {
        update.setBoolean(i, flag);
        update.setObject(i + 1, value, type);
        return i + 2;
    }

    public void flush() throws SQLException {
        insert.flush();
        if (updates > 0) {
            update.executeBatch();
            updates = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        update.close();
    }
}
