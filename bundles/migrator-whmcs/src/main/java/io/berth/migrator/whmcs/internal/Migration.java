package io.berth.migrator.whmcs.internal;

import io.berth.api.billing.ImportException;
import io.berth.api.billing.ImportProgress;
import io.berth.api.billing.ImportSummary;
import io.berth.migrator.whmcs.internal.ImportMappings.Existing;
import io.berth.migrator.whmcs.internal.ServerMapper.MappedServer;
import io.berth.migrator.whmcs.internal.UserMapper.MappedUser;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WHMCS → Berth run: clients, then services, each streamed in batches. Every batch is one target transaction
 * holding its rows and their {@code import_mappings} together, so a run stopped anywhere leaves only whole
 * batches behind and the next run carries on from there (records already mapped with the same fingerprint are
 * unchanged). A dry run takes the same path on a read-only transaction that is rolled back, writing nothing.
 * One instance serves one run.
 */
public final class Migration {

    /** Opens a connection to Berth's database. */
    @FunctionalInterface
    public interface TargetConnector {
        Connection open() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Migration.class);
    private static final long LOCK_KEY = 0x6265727468L; // "berth"
    static final String CLIENTS = "clients";
    static final String SERVICES = "services";
    static final String POOLS = "ip_pools";

    private final SourceDatabase source;
    private final TargetConnector target;
    private final MappingFile mapping;
    private final MigrationOptions options;
    private final Path reportFile;
    private final ImportProgress progress;

    private final ImportTally tally = new ImportTally();
    /** WHMCS client id → Berth user id, for every client imported (or linked, or unchanged) in this run. */
    private final Map<Integer, UUID> users = new HashMap<>();
    /** e-mail → Berth user id of users this run created or checked. */
    private final Map<String, UUID> emails = new HashMap<>();
    private int committedBatches;
    /** What the mapping of every record depends on besides its own rows: WHMCS catalogue, mapping, Berth catalogue. */
    private String context;

    public Migration(SourceDatabase source, TargetConnector target, MappingFile mapping, MigrationOptions options,
            Path report, ImportProgress progress) {
        this.source = source;
        this.target = target;
        this.mapping = mapping;
        this.options = options;
        this.reportFile = report;
        this.progress = progress;
    }

    public ImportSummary run() throws ImportException {
        long start = System.nanoTime();
        try (Connection out = openTarget();
                Connection stream = source.open();
                Connection lookups = source.open();
                ImportReport report = ImportReport.to(reportFile)) {
            lock(out);
            try {
                Catalogue catalogue = CatalogueReader.read(lookups);
                TargetCatalogue berth = TargetCatalogue.read(out);
                out.rollback();
                if (!options.dryRun()) {
                    relaxCommit(out, true);
                }
                context = Fingerprint.of(Fingerprint.part(catalogue.canonical(), mapping.canonical(), berth))
                        .value();
                clients(out, stream, lookups, catalogue, report);
                services(out, stream, lookups, catalogue, berth, report);
                audit(out);
            } catch (ImportException e) {
                rollback(out);
                throw e;
            } catch (SQLException e) {
                rollback(out);
                throw new ImportException("import failed: " + DatabaseErrors.describe(e, "database", null), e);
            } catch (IOException e) {
                rollback(out);
                throw new ImportException("cannot write the report: " + e.getMessage(), e);
            } catch (Exception e) {
                rollback(out);
                throw new ImportException("import failed: " + e, e);
            } finally {
                unlock(out);
            }
        } catch (SQLException | IOException e) {
            throw new ImportException("import failed: " + e.getMessage(), e);
        }
        ImportSummary summary = tally.summary(options.dryRun());
        LOG.info("whmcs import finished dryRun={} millis={} counts={}", options.dryRun(),
                (System.nanoTime() - start) / 1_000_000, summary.counts());
        return summary;
    }

    private Connection openTarget() throws ImportException {
        Connection c;
        try {
            c = target.open();
        } catch (SQLException e) {
            throw new ImportException(DatabaseErrors.describe(e, "Berth database", null));
        }
        try {
            c.setAutoCommit(false);
            c.setReadOnly(options.dryRun());
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from information_schema.columns "
                            + "where table_schema = current_schema() and ((table_name = 'import_mappings' "
                            + "and column_name = 'fingerprint') or (table_name = 'users' and column_name = 'attributes'))")) {
                rs.next();
                if (rs.getInt(1) != 2) {
                    throw new ImportException("Berth's database schema is missing or older than this migrator "
                            + "(no import_mappings or users.attributes): apply Berth's migrations first");
                }
            }
            return c;
        } catch (SQLException | ImportException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure
            }
            if (e instanceof ImportException ie) {
                throw ie;
            }
            throw new ImportException("cannot use the Berth database: " + e.getMessage(), e);
        }
    }

    private void lock(Connection c) throws SQLException, ImportException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new ImportException("another WHMCS import is running against this Berth database");
                }
            }
        }
    }

    private void unlock(Connection c) {
        try {
            c.rollback();
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
                ps.setLong(1, LOCK_KEY);
                ps.execute();
            }
            c.rollback();
            if (!options.dryRun()) {
                relaxCommit(c, false);
            }
            c.setReadOnly(false);
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("could not release the import lock: {}", e.getMessage());
        }
    }

    // ---------------------------------------------------------------- clients → users

    private void clients(Connection out, Connection stream, Connection lookups, Catalogue catalogue,
            ImportReport report) throws Exception {
        ClientReader reader = new ClientReader(stream, lookups, catalogue, options.batchSize());
        long total = reader.count();
        UserMapper mapper = new UserMapper(catalogue, mapping);
        long[] done = {0};
        try (UserStore store = new UserStore(out, options.dryRun());
                ImportMappings mappings = new ImportMappings(out, options.dryRun())) {
            ReadAhead.run(reader::forEachBatch, batch -> {
                clientBatch(batch, mapper, store, mappings, report);
                store.flush();
                mappings.flush();
                finish(out);
                done[0] += batch.size();
                progress.progress(CLIENTS, done[0], total);
            });
        }
        progress.progress(CLIENTS, done[0], total);
    }

    private void clientBatch(List<WhmcsClient> batch, UserMapper mapper, UserStore store, ImportMappings mappings,
            ImportReport report) throws SQLException, IOException {
        Map<String, Existing> existing = mappings.find("client", ids(batch.stream().map(WhmcsClient::id).toList()),
                "users");
        List<MappedUser> mapped = new ArrayList<>(batch.size());
        List<String> sources = new ArrayList<>(batch.size());
        Set<String> wanted = new LinkedHashSet<>();
        for (WhmcsClient c : batch) {
            String src = Fingerprint.part(context, c.canonical());
            sources.add(src);
            Existing e = existing.get(String.valueOf(c.id()));
            boolean same = e != null && e.present()
                    && Fingerprint.partIs(e.fingerprint(), UserRecord.SOURCE, UserRecord.PARTS, src);
            MappedUser m = c.sharesLogin() || same ? null : mapper.map(c);
            mapped.add(m);
            if (m != null && m.user() != null) {
                wanted.add(m.user().email());
            }
        }
        Map<String, UUID> owners = store.owners(new ArrayList<>(wanted));
        for (int i = 0; i < batch.size(); i++) {
            WhmcsClient c = batch.get(i);
            Existing e = existing.get(String.valueOf(c.id()));
            if (c.sharesLogin()) {
                link(c, e, mappings, report);
                continue;
            }
            MappedUser m = mapped.get(i);
            if (m == null) {
                // same WHMCS rows, same mapping, same Berth catalogue as last time: nothing to do
                users.put(c.id(), e.targetId());
                outcome(report, "client", c.id(), ImportTally.UNCHANGED, e.targetId(), List.of());
                continue;
            }
            if (m.user() == null) {
                tally.skipped(CLIENTS, m.skipReason());
                report.record("client", c.id(), ImportTally.SKIPPED, null, m.skipReason(), m.notes());
                continue;
            }
            tally.unmapped(m.unmapped());
            UserRecord u = m.user();
            Fingerprint fp = u.fingerprint(sources.get(i));
            UUID holder = emails.containsKey(u.email()) ? emails.get(u.email()) : owners.get(u.email());
            if (e != null && e.present()) {
                UUID id = e.targetId();
                users.put(c.id(), id);
                boolean profile = fp.changed(e.fingerprint(), UserRecord.PROFILE);
                boolean status = fp.changed(e.fingerprint(), UserRecord.STATUS);
                boolean credential = fp.changed(e.fingerprint(), UserRecord.CREDENTIAL);
                if (!profile && !status && !credential) {
                    // only unused WHMCS data or the context changed: remember the new source, write nothing else
                    mappings.put("client", String.valueOf(c.id()), id, fp);
                    emails.put(u.email(), id);
                    outcome(report, "client", c.id(), ImportTally.UNCHANGED, id, m.notes());
                    continue;
                }
                if (profile && holder != null && !holder.equals(id)) {
                    String reason = "e-mail " + u.email() + " already belongs to another Berth user: not updated";
                    tally.skipped(CLIENTS, "e-mail already belongs to another Berth user");
                    report.record("client", c.id(), ImportTally.SKIPPED, id, reason, m.notes());
                    continue;
                }
                store.update(id, u, profile, status, credential);
                mappings.put("client", String.valueOf(c.id()), id, fp);
                emails.put(u.email(), id);
                outcome(report, "client", c.id(), ImportTally.UPDATED, id, m.notes());
                continue;
            }
            if (holder != null) {
                String reason = "e-mail already belongs to another Berth user";
                tally.skipped(CLIENTS, reason);
                report.record("client", c.id(), ImportTally.SKIPPED, null, reason + " (" + u.email() + ")",
                        m.notes());
                continue;
            }
            UUID id = UUID.randomUUID();
            store.insert(id, u);
            mappings.put("client", String.valueOf(c.id()), id, fp);
            users.put(c.id(), id);
            emails.put(u.email(), id);
            outcome(report, "client", c.id(), ImportTally.CREATED, id, m.notes());
        }
    }

    /** A client whose login owns an earlier client: it maps to that client's Berth user. */
    private void link(WhmcsClient c, Existing e, ImportMappings mappings, ImportReport report)
            throws SQLException, IOException {
        UUID owner = users.get(c.primaryClientId());
        if (owner == null) {
            String reason = "its login's first client " + c.primaryClientId() + " was not imported";
            tally.skipped(CLIENTS, "its login's first client was not imported");
            report.record("client", c.id(), ImportTally.SKIPPED, null, reason, List.of());
            return;
        }
        users.put(c.id(), owner);
        Fingerprint fp = Fingerprint.of(Fingerprint.part("link", c.primaryClientId()));
        List<String> notes = List.of("shares the login of client " + c.primaryClientId() + ": linked to its user");
        if (e != null && owner.equals(e.targetId()) && fp.value().equals(e.fingerprint())) {
            outcome(report, "client", c.id(), ImportTally.UNCHANGED, owner, notes);
            return;
        }
        mappings.put("client", String.valueOf(c.id()), owner, fp);
        outcome(report, "client", c.id(), e == null ? ImportTally.CREATED : ImportTally.UPDATED, owner, notes);
    }

    // ---------------------------------------------------------------- services → servers

    private void services(Connection out, Connection stream, Connection lookups, Catalogue catalogue,
            TargetCatalogue berth, ImportReport report) throws Exception {
        ServiceReader reader = new ServiceReader(stream, lookups, catalogue, options.batchSize());
        long total = reader.count();
        ServerMapper mapper = new ServerMapper(catalogue, mapping, berth);
        long[] done = {0};
        try (ServerStore store = new ServerStore(out, options.dryRun());
                IpPools pools = new IpPools(out, options.dryRun());
                ImportMappings mappings = new ImportMappings(out, options.dryRun())) {
            ReadAhead.run(reader::forEachBatch, batch -> {
                serviceBatch(batch, mapper, store, pools, mappings, report);
                pools.flushPools();
                store.flush();
                pools.flushAllocations();
                mappings.flush();
                finish(out);
                done[0] += batch.size();
                progress.progress(SERVICES, done[0], total);
            });
            tally.add(POOLS, ImportTally.CREATED, pools.created());
        }
        progress.progress(SERVICES, done[0], total);
    }

    private void serviceBatch(List<WhmcsService> batch, ServerMapper mapper, ServerStore store, IpPools pools,
            ImportMappings mappings, ImportReport report) throws SQLException, IOException {
        Map<String, Existing> existing = mappings.find("service",
                ids(batch.stream().map(WhmcsService::id).toList()), "servers");
        List<MappedServer> mapped = new ArrayList<>(batch.size());
        List<String> sources = new ArrayList<>(batch.size());
        List<Long> addresses = new ArrayList<>();
        for (WhmcsService s : batch) {
            UUID owner = users.get(s.clientId());
            String src = Fingerprint.part(context, owner, s.canonical());
            sources.add(src);
            Existing e = existing.get(String.valueOf(s.id()));
            boolean same = e != null && e.present()
                    && Fingerprint.partIs(e.fingerprint(), ServerRecord.SOURCE, ServerRecord.PARTS, src);
            MappedServer m = ServerMapper.berthStatus(s.status()) == null || owner == null || same ? null
                    : mapper.map(s);
            mapped.add(m);
            if (m != null && m.server().ipAddress() != null && IpAddresses.ipv4(m.server().ipAddress()) >= 0) {
                addresses.add(IpAddresses.ipv4(m.server().ipAddress()));
            }
        }
        Map<Long, UUID> holders = pools.holders(addresses);
        for (int i = 0; i < batch.size(); i++) {
            WhmcsService s = batch.get(i);
            Existing e = existing.get(String.valueOf(s.id()));
            if (ServerMapper.berthStatus(s.status()) == null) {
                String reason = "status " + s.status();
                tally.skipped(SERVICES, reason);
                report.record("service", s.id(), ImportTally.SKIPPED, e == null ? null : e.targetId(),
                        reason + (e != null ? " (imported before: the Berth server is left as it is)" : ""),
                        List.of());
                continue;
            }
            UUID owner = users.get(s.clientId());
            if (owner == null) {
                String reason = "its client was not imported";
                tally.skipped(SERVICES, reason);
                report.record("service", s.id(), ImportTally.SKIPPED, null, reason + " (client " + s.clientId() + ")",
                        List.of());
                continue;
            }
            MappedServer m = mapped.get(i);
            if (m == null) {
                outcome(report, "service", s.id(), ImportTally.UNCHANGED, e.targetId(), List.of());
                continue;
            }
            tally.unmapped(m.unmapped());
            tally.defaulted(m.defaulted());
            ServerRecord server = m.server();
            Fingerprint fp = server.fingerprint(owner, sources.get(i));
            List<String> notes = new ArrayList<>(m.notes());
            long n = server.ipAddress() == null ? -1 : IpAddresses.ipv4(server.ipAddress());
            Long address = n < 0 ? null : n;
            if (e != null && e.present()) {
                UUID id = e.targetId();
                boolean spec = fp.changed(e.fingerprint(), ServerRecord.SPEC);
                boolean placement = fp.changed(e.fingerprint(), ServerRecord.PLACEMENT);
                boolean status = fp.changed(e.fingerprint(), ServerRecord.STATUS);
                if (!spec && !placement && !status) {
                    mappings.put("service", String.valueOf(s.id()), id, fp);
                    outcome(report, "service", s.id(), ImportTally.UNCHANGED, id, notes);
                    continue;
                }
                if ("terminating".equals(e.targetStatus()) || "terminated".equals(e.targetStatus())) {
                    tally.skipped(SERVICES, "the Berth server is terminated: not updated");
                    report.record("service", s.id(), ImportTally.SKIPPED, id,
                            "the Berth server is terminated: not updated", notes);
                    continue;
                }
                store.update(id, owner, server, spec, placement, status);
                if (placement) {
                    ip(pools.assign(id, address, true, holders), server, notes);
                }
                mappings.put("service", String.valueOf(s.id()), id, fp);
                outcome(report, "service", s.id(), ImportTally.UPDATED, id, notes);
                continue;
            }
            UUID id = UUID.randomUUID();
            store.insert(id, owner, server);
            ip(pools.assign(id, address, false, holders), server, notes);
            mappings.put("service", String.valueOf(s.id()), id, fp);
            outcome(report, "service", s.id(), ImportTally.CREATED, id, notes);
        }
    }

    private static void ip(IpPools.Outcome outcome, ServerRecord server, List<String> notes) {
        if (outcome == IpPools.Outcome.TAKEN) {
            notes.add("IP " + server.ipAddress() + " is already allocated to another server: not allocated again");
        }
    }

    // ---------------------------------------------------------------- common

    private void outcome(ImportReport report, String entity, int id, String outcome, UUID target, List<String> notes)
            throws IOException {
        tally.count("client".equals(entity) ? CLIENTS : SERVICES, outcome);
        report.record(entity, id, outcome, target, null, notes);
    }

    /** Ends the batch's transaction: commit, or roll back in a dry run; stops when asked to. */
    private void finish(Connection c) throws SQLException, ImportException {
        if (options.dryRun()) {
            c.rollback();
        } else {
            c.commit();
        }
        committedBatches++;
        if (Thread.currentThread().isInterrupted()) {
            throw new ImportException("import interrupted after " + committedBatches
                    + " batches; run it again to continue");
        }
        if (options.failAfterBatches() > 0 && committedBatches >= options.failAfterBatches()) {
            throw new ImportException("injected failure after " + committedBatches + " batches");
        }
    }

    /**
     * While the import runs, commits do not wait for the WAL flush: if PostgreSQL crashes, the last batches are lost
     * together with their mappings, and the next run redoes them. The session setting is reset before the
     * connection goes back (to the pool, in the runtime).
     */
    private static void relaxCommit(Connection c, boolean relaxed) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(relaxed ? "set synchronous_commit = off" : "reset synchronous_commit");
        }
        c.commit();
    }

    private void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed: {}", e.getMessage());
        }
    }

    private void audit(Connection c) throws SQLException {
        if (options.dryRun()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into audit_log (action, resource_type, resource_id, "
                + "detail) values ('billing.import', 'import', 'whmcs', ?)")) {
            ps.setString(1, tally.summary(false).counts().toString());
            ps.executeUpdate();
        }
        c.commit();
    }

    private static List<String> ids(List<Integer> ids) {
        return ids.stream().map(String::valueOf).toList();
    }
}
