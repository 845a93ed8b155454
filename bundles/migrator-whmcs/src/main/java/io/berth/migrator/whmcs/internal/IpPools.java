package io.berth.migrator.whmcs.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Puts the dedicated IPv4 address of each imported server into an IP pool as allocated to it.
 *
 * <p>The pool rule: the address goes into the existing pool whose range contains it. When no pool contains it,
 * a pool is created for the address's /24: {@code x.y.z.1 - x.y.z.254}, prefix length 24, no gateway, named
 * {@code whmcs-x.y.z.0/24}; if existing pools already cover parts of that /24, the new range is cut down to the
 * free stretch around the address (named {@code whmcs-<first>-<last>}), so pools never overlap. An address
 * ending in .0 or .255 gets a pool of its own. An address already allocated to another server is not allocated
 * again (the server keeps it as {@code ip_address}; the report says so).
 */
public final class IpPools implements AutoCloseable {

    /** A pool's range. */
    public record Pool(UUID id, String name, long first, long last) {
        boolean contains(long n) {
            return first <= n && n <= last;
        }
    }

    /** What happened to a server's address. */
    public enum Outcome { NONE, ALLOCATED, ALREADY_ALLOCATED, TAKEN }

    private final boolean dryRun;
    private final List<Pool> pools;
    private final TreeMap<Long, Pool> byFirst = new TreeMap<>();
    private final Set<String> names = new HashSet<>();
    private final Map<Long, UUID> allocatedThisRun = new HashMap<>();
    private final Connection connection;
    private final PreparedStatement insertPool;
    private final ColumnBatch insertAllocation;
    private final PreparedStatement release;
    private int pendingPools;
    private int pendingReleases;
    private long created;

    public IpPools(Connection connection, boolean dryRun) throws SQLException {
        this.connection = connection;
        this.dryRun = dryRun;
        this.pools = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id, name, first_address, last_address from ip_pools")) {
            while (rs.next()) {
                Pool p = new Pool(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getLong(4));
                pools.add(p);
                byFirst.putIfAbsent(p.first(), p);
                names.add(rs.getString(2));
            }
        }
        this.insertPool = connection.prepareStatement("insert into ip_pools (id, name, first_address, last_address, "
                + "prefix_length) values (?, ?, ?, ?, 24)");
        this.insertAllocation = new ColumnBatch(connection, "insert into ip_allocations (pool_id, address_number, "
                + "address, server_id) select * from unnest(?::uuid[], ?::int8[], ?::varchar[], ?::uuid[])",
                "uuid", "int8", "varchar", "uuid");
        this.release = connection.prepareStatement("delete from ip_allocations where server_id = ?");
    }

    /** Which servers hold these addresses, per address (from the database; looked up by pool and address). */
    public Map<Long, UUID> holders(List<Long> addresses) throws SQLException {
        Map<Long, UUID> out = new HashMap<>();
        List<Object> pools = new ArrayList<>();
        List<Object> numbers = new ArrayList<>();
        for (long n : addresses) {
            Optional<Pool> p = poolOf(n);
            if (p.isPresent()) {
                pools.add(p.get().id());
                numbers.add(n);
            }
        }
        if (numbers.isEmpty()) {
            return out;
        }
        Array poolIds = connection.createArrayOf("uuid", pools.toArray());
        Array nums = connection.createArrayOf("bigint", numbers.toArray());
        try (PreparedStatement ps = connection.prepareStatement("select a.address_number, a.server_id "
                + "from ip_allocations a join unnest(?::uuid[], ?::bigint[]) as k(pool_id, address_number) "
                + "on a.pool_id = k.pool_id and a.address_number = k.address_number")) {
            ps.setArray(1, poolIds);
            ps.setArray(2, nums);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID holder = rs.getObject(2, UUID.class);
                    out.put(rs.getLong(1), holder == null ? new UUID(0, 0) : holder);
                }
            }
        } finally {
            poolIds.free();
            nums.free();
        }
        return out;
    }

    /**
     * Gives the server this address (or none): allocates it unless another server holds it, and frees what an
     * existing server held before.
     *
     * @param n the IPv4 address as a number, or {@code null} when the server has none
     * @param existing whether the server was imported before (and may hold another address)
     * @param holders current holders from {@link #holders(List)} for this batch
     */
    public Outcome assign(UUID server, Long n, boolean existing, Map<Long, UUID> holders) throws SQLException {
        if (n == null) {
            if (existing) {
                release(server);
            }
            return Outcome.NONE;
        }
        UUID holder = allocatedThisRun.containsKey(n) ? allocatedThisRun.get(n) : holders.get(n);
        if (server.equals(holder)) {
            return Outcome.ALREADY_ALLOCATED;
        }
        if (existing) {
            release(server);
        }
        if (holder != null) {
            return Outcome.TAKEN;
        }
        Pool pool = poolOf(n).orElseGet(() -> create(n));
        allocatedThisRun.put(n, server);
        if (!dryRun) {
            insertAllocation.add(pool.id(), n, IpAddresses.text(n), server);
        }
        return Outcome.ALLOCATED;
    }

    private void release(UUID server) throws SQLException {
        allocatedThisRun.values().remove(server);
        if (!dryRun) {
            release.setObject(1, server);
            release.addBatch();
            pendingReleases++;
        }
    }

    Optional<Pool> poolOf(long n) {
        Map.Entry<Long, Pool> floor = byFirst.floorEntry(n);
        if (floor != null && floor.getValue().contains(n)) {
            return Optional.of(floor.getValue());
        }
        return pools.stream().filter(p -> p.contains(n)).findFirst();
    }

    private Pool create(long n) {
        long base = n & ~0xFFL;
        long host = n & 0xFF;
        long first = host == 0 || host == 255 ? n : base + 1;
        long last = host == 0 || host == 255 ? n : base + 254;
        for (Pool p : pools) {
            if (p.last() < n && p.last() >= first) {
                first = p.last() + 1;
            }
            if (p.first() > n && p.first() <= last) {
                last = p.first() - 1;
            }
        }
        String name = first == base + 1 && last == base + 254 ? "whmcs-" + IpAddresses.text(base) + "/24"
                : "whmcs-" + IpAddresses.text(first) + "-" + IpAddresses.text(last);
        String unique = name;
        for (int i = 2; names.contains(unique); i++) {
            unique = name + "-" + i;
        }
        Pool pool = new Pool(UUID.randomUUID(), unique, first, last);
        pools.add(pool);
        byFirst.putIfAbsent(first, pool);
        names.add(unique);
        created++;
        if (!dryRun) {
            try {
                insertPool.setObject(1, pool.id());
                insertPool.setString(2, pool.name());
                insertPool.setLong(3, first);
                insertPool.setLong(4, last);
                insertPool.addBatch();
                pendingPools++;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return pool;
    }

    /** Pools created by this run (or that a dry run would create). */
    public long created() {
        return created;
    }

    /** Writes pools, then releases, then allocations (servers must be written before). */
    public void flushPools() throws SQLException {
        if (pendingPools > 0) {
            insertPool.executeBatch();
            pendingPools = 0;
        }
    }

    public void flushAllocations() throws SQLException {
        if (pendingReleases > 0) {
            release.executeBatch();
            pendingReleases = 0;
        }
        insertAllocation.flush();
    }

    @Override
    public void close() throws SQLException {
        insertPool.close();
        insertAllocation.close();
        release.close();
    }
}
