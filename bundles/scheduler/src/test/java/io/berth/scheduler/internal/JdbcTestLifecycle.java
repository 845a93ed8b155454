package io.berth.scheduler.internal;

import io.berth.api.domain.NotFoundException;
import io.berth.api.server.ServerLifecycle;
import io.berth.api.server.ServerStatus;
import io.berth.api.server.ServerTarget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * A small ServerLifecycle over the servers table, standing in for core's until it exists, and
 * counting what each node reported.
 */
final class JdbcTestLifecycle implements ServerLifecycle {

    private static final String SELECT = "select s.id, s.name, s.status, s.hypervisor_id, i.template_ref, "
            + "i.linked_clone, s.cpu_cores, s.memory_mb, s.disk_gb, s.ssh_keys, s.ip_address, s.node, s.vm_id "
            + "from servers s left join images i on i.id = s.image_id ";

    private final DataSource ds;
    final Map<UUID, AtomicInteger> settledCalls = new ConcurrentHashMap<>();

    JdbcTestLifecycle(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public ServerTarget target(UUID serverId) {
        List<ServerTarget> found = query(SELECT + "where s.id = ?", serverId);
        if (found.isEmpty()) {
            throw new NotFoundException("no server " + serverId);
        }
        return found.get(0);
    }

    @Override
    public void placed(UUID serverId, String node, String vmId) {
        update("update servers set node = ?, vm_id = ?, updated_at = now() where id = ?", node, vmId, serverId);
    }

    @Override
    public void progress(UUID serverId, String detail) {
        update("update servers set status_detail = ?, updated_at = now() where id = ?", detail, serverId);
    }

    @Override
    public void settled(UUID serverId, ServerStatus status, String detail) {
        settledCalls.computeIfAbsent(serverId, k -> new AtomicInteger()).incrementAndGet();
        update("update servers set status = ?, status_detail = ?, updated_at = now() where id = ?", status.wireName(),
                detail, serverId);
    }

    @Override
    public List<ServerTarget> placedOn(String hypervisorId) {
        return query(SELECT + "where s.hypervisor_id = ? and s.vm_id is not null", hypervisorId);
    }

    private void update(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("lifecycle update failed: " + e.getMessage(), e);
        }
    }

    private List<ServerTarget> query(String sql, Object arg) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, arg);
            List<ServerTarget> all = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String keys = rs.getString("ssh_keys");
                    all.add(new ServerTarget(rs.getObject("id", UUID.class), rs.getString("name"),
                            ServerStatus.fromWireName(rs.getString("status")), rs.getString("hypervisor_id"),
                            rs.getString("template_ref"), rs.getBoolean("linked_clone"), rs.getInt("cpu_cores"),
                            rs.getInt("memory_mb"), rs.getInt("disk_gb"),
                            keys == null ? List.of() : Arrays.asList(keys.split("\n")), rs.getString("ip_address"), 24,
                            "10.10.0.1", List.of("1.1.1.1"), rs.getString("node"), rs.getString("vm_id")));
                }
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("lifecycle query failed: " + e.getMessage(), e);
        }
    }
}
