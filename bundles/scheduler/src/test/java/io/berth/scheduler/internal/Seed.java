package io.berth.scheduler.internal;

import io.berth.api.job.JobKind;
import io.berth.api.job.JobStore;
import io.berth.api.server.ServerStatus;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data and look-ups straight in the database (one user, one image, servers, jobs). */
final class Seed implements AutoCloseable {

    final HikariDataSource ds;
    private final UUID user = UUID.randomUUID();
    private final UUID image = UUID.randomUUID();
    private final String hypervisorId;
    private int n;

    Seed(String url, String hypervisorId) {
        this.ds = TestDatabase.pool(url, 4);
        this.hypervisorId = hypervisorId;
        exec("insert into users (id, email) values (?, ?)", user, user + "@example.test");
        exec("insert into images (id, hypervisor_id, template_ref, name, os, min_disk_gb) values (?, ?, 'pve1/9000', "
                + "'Debian 12', 'debian', 10)", image, hypervisorId);
    }

    UUID server(ServerStatus status) {
        return server(status, null, null);
    }

    UUID server(ServerStatus status, String node, String vmId) {
        UUID id = UUID.randomUUID();
        n++;
        exec("insert into servers (id, owner_id, name, status, image_id, cpu_cores, memory_mb, disk_gb, hypervisor_id, "
                + "node, vm_id, ip_address, ssh_keys) values (?, ?, ?, ?, ?, 2, 2048, 20, ?, ?, ?, ?, ?)", id, user,
                "web-" + n, status.wireName(), image, hypervisorId, node, vmId, "10.10." + (n / 250) + "." + (n % 250 + 2),
                "ssh-ed25519 AAAA test");
        return id;
    }

    UUID job(JobStore store, JobKind kind, UUID server) {
        return store.enqueue(kind, server, Map.of());
    }

    String status(UUID server) {
        return string("select status from servers where id = ?", server);
    }

    String detail(UUID server) {
        return string("select status_detail from servers where id = ?", server);
    }

    String jobStatus(UUID job) {
        return string("select status from jobs where id = ?", job);
    }

    long count(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Job id → status of every job. */
    Map<UUID, String> jobs() {
        Map<UUID, String> all = new HashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement("select id, status from jobs");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                all.put(rs.getObject(1, UUID.class), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    List<String> pickedBy() {
        List<String> all = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(
                "select coalesce(picked_by, '-') from scheduled_tasks where task_name = ?")) {
            st.setString(1, JobStore.TASK_NAME);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    private String string(String sql, Object arg) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, arg);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void exec(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement st, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            st.setObject(i + 1, args[i]);
        }
    }

    @Override
    public void close() {
        ds.close();
    }
}
