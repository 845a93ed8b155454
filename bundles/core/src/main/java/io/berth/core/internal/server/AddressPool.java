package io.berth.core.internal.server;

import static io.berth.core.internal.db.schema.Tables.IP_ALLOCATIONS;
import static io.berth.core.internal.db.schema.Tables.IP_POOLS;

import io.berth.api.domain.ConflictException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The platform's IPv4 pool. An address is allocated inside the transaction that creates the
 * server (unique per pool and address), and released when the server is terminated.
 */
@Component(service = AddressPool.class, configurationPid = PoolConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PoolConfig.class)
public final class AddressPool {

    private final UUID poolId;
    private final String name;
    private final long first;
    private final long last;

    @Activate
    public AddressPool(@Reference(target = "(berth.datasource=main)") DSLContext db, PoolConfig config)
            throws ConfigurationException {
        long first = parse(config.first(), "first");
        long last = parse(config.last(), "last");
        if (first > last) {
            throw new ConfigurationException("last", "must not come before first");
        }
        if (config.gateway() != null && !config.gateway().isBlank()) {
            parse(config.gateway(), "gateway");
        }
        this.poolId = UUID.nameUUIDFromBytes(("pool:" + config.name()).getBytes());
        this.name = config.name();
        this.first = first;
        this.last = last;
        db.insertInto(IP_POOLS).set(IP_POOLS.ID, poolId).set(IP_POOLS.NAME, config.name())
                .set(IP_POOLS.FIRST_ADDRESS, first).set(IP_POOLS.LAST_ADDRESS, last)
                .set(IP_POOLS.PREFIX_LENGTH, config.prefix_length()).set(IP_POOLS.GATEWAY, config.gateway())
                .set(IP_POOLS.NAMESERVERS, config.nameservers()).set(IP_POOLS.CREATED_AT, Instant.now())
                .onConflict(IP_POOLS.ID).doUpdate()
                .set(IP_POOLS.FIRST_ADDRESS, first).set(IP_POOLS.LAST_ADDRESS, last)
                .set(IP_POOLS.PREFIX_LENGTH, config.prefix_length()).set(IP_POOLS.GATEWAY, config.gateway())
                .set(IP_POOLS.NAMESERVERS, config.nameservers()).execute();
    }

    /** Allocates the lowest free address to the server, in the caller's transaction. */
    public String allocate(DSLContext tx, UUID serverId) {
        for (int attempt = 0; attempt < 50; attempt++) {
            long n = free(tx, 1).get(0);
            String address = format(n);
            int inserted = tx.insertInto(IP_ALLOCATIONS).set(IP_ALLOCATIONS.POOL_ID, poolId)
                    .set(IP_ALLOCATIONS.ADDRESS_NUMBER, n).set(IP_ALLOCATIONS.ADDRESS, address)
                    .set(IP_ALLOCATIONS.SERVER_ID, serverId).set(IP_ALLOCATIONS.ALLOCATED_AT, Instant.now())
                    .onConflictDoNothing().execute();
            if (inserted == 1) {
                return address;
            }
        }
        throw new ConflictException("could not allocate an address in pool " + name + " (contention); try again");
    }

    /**
     * The lowest {@code count} free addresses, not yet taken: {@link #allocate} takes one at once, a
     * batch of new servers takes them with {@link #claims} once the servers are written (another
     * transaction may take one first).
     */
    List<Long> free(DSLContext tx, int count) {
        List<Long> free = tx.select(DSL.field("n", Long.class))
                .from(DSL.table("generate_series({0}, {1}) as g(n)", first, last))
                .whereNotExists(tx.selectOne().from(IP_ALLOCATIONS).where(IP_ALLOCATIONS.POOL_ID.eq(poolId)
                        .and(IP_ALLOCATIONS.ADDRESS_NUMBER.eq(DSL.field("g.n", Long.class)))))
                .orderBy(DSL.field("n")).limit(count).fetch(Record1::value1);
        if (free.size() < count) {
            throw new ConflictException("no free address left in pool " + name);
        }
        return free;
    }

    /**
     * The insert that takes these addresses (from {@link #free}) for these servers; it fails when another
     * transaction took one of them first.
     */
    Query claims(DSLContext tx, Map<UUID, Long> addressBy) {
        Instant now = Instant.now();
        var insert = tx.insertInto(IP_ALLOCATIONS, IP_ALLOCATIONS.POOL_ID, IP_ALLOCATIONS.ADDRESS_NUMBER,
                IP_ALLOCATIONS.ADDRESS, IP_ALLOCATIONS.SERVER_ID, IP_ALLOCATIONS.ALLOCATED_AT);
        for (Map.Entry<UUID, Long> e : addressBy.entrySet()) {
            insert = insert.values(poolId, e.getValue(), format(e.getValue()), e.getKey(), now);
        }
        return insert;
    }

    /** Releases the server's address, in the caller's transaction. */
    public void release(DSLContext tx, UUID serverId) {
        tx.deleteFrom(IP_ALLOCATIONS).where(IP_ALLOCATIONS.SERVER_ID.eq(serverId)).execute();
    }

    static long parse(String address, String key) throws ConfigurationException {
        String[] parts = address == null ? new String[0] : address.trim().split("\\.");
        if (parts.length != 4) {
            throw new ConfigurationException(key, "'" + address + "' is not an IPv4 address");
        }
        long n = 0;
        for (String p : parts) {
            int octet;
            try {
                octet = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new ConfigurationException(key, "'" + address + "' is not an IPv4 address");
            }
            if (octet < 0 || octet > 255) {
                throw new ConfigurationException(key, "'" + address + "' is not an IPv4 address");
            }
            n = n << 8 | octet;
        }
        return n;
    }

    static String format(long n) {
        return (n >> 24 & 255) + "." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }
}
