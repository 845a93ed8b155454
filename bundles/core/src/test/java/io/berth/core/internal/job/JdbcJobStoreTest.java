package io.berth.core.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.job.Job;
import io.berth.api.job.JobKind;
import io.berth.api.job.JobState;
import io.berth.api.job.JobStatus;
import io.berth.api.job.JobStep;
import io.berth.api.job.JobStore;
import io.berth.core.internal.db.Jooq;
import io.berth.core.internal.db.Migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcJobStoreTest {

    private static EmbeddedPostgres postgres;
    private static DataSource ds;
    private static DSLContext db;
    private static JobStore store;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        ds = postgres.getPostgresDatabase();
        new Migrations(JdbcJobStoreTest.class.getClassLoader()).migrate(ds);
        db = Jooq.create(ds);
        store = new JdbcJobStore(db);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void enqueueWritesTheJobAndTheEngineTaskTogether() throws SQLException {
        UUID server = server();
        UUID id = store.enqueue(JobKind.PROVISION, server, Map.of("cloud_init_user", "ubuntu"));

        Job job = store.find(id).orElseThrow();
        assertThat(job.kind()).isEqualTo(JobKind.PROVISION);
        assertThat(job.serverId()).isEqualTo(server);
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(job.params()).containsEntry("cloud_init_user", "ubuntu");
        assertThat(job.attempts()).isZero();
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "select task_data, picked, version from scheduled_tasks where task_name = ? and task_instance = ?")) {
            st.setString(1, JobStore.TASK_NAME);
            st.setString(2, id.toString());
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isNull();
                assertThat(rs.getBoolean(2)).isFalse();
                assertThat(rs.getLong(3)).isEqualTo(1L);
            }
        }
    }

    @Test
    void findOfAnUnknownJobIsEmpty() {
        assertThat(store.find(UUID.randomUUID())).isEmpty();
        assertThat(store.state(UUID.randomUUID())).isEmpty();
    }

    @Test
    void theStateIsTheJobAndItsStepsAsReadApart() throws SQLException {
        UUID id = store.enqueue(JobKind.PROVISION, server(), Map.of("cloud_init_user", "ubuntu"));
        assertThat(store.state(id)).contains(new JobState(store.find(id).orElseThrow(), java.util.List.of()));

        store.stepStarted(id, 1, "place", null);
        store.stepDone(id, 1, "place", "pve1/101", "node=pve1 vm=101");
        store.stepStarted(id, 2, "clone", "pve1/UPID:pve1:1");
        store.stepDone(id, 100, "abort", null, "failed");
        store.running(id);

        JobState state = store.state(id).orElseThrow();
        assertThat(state.job()).isEqualTo(store.find(id).orElseThrow());
        assertThat(state.job().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(state.steps()).isEqualTo(store.steps(id)).extracting(JobStep::no).containsExactly(1, 2, 100);
    }

    @Test
    void stepsAreUpsertsThatNeverLoseAHandleNorUndoADoneStep() throws SQLException {
        UUID id = store.enqueue(JobKind.PROVISION, server(), Map.of());

        store.stepStarted(id, 1, "place", null);
        store.stepDone(id, 1, "place", "pve1/101", "node=pve1 vm=101");
        store.stepDone(id, 1, "place", null, "node=pve1 vm=101");
        store.stepStarted(id, 2, "clone", null);
        store.stepStarted(id, 2, "clone", "pve1/UPID:pve1:1");
        store.stepStarted(id, 2, "clone", null); // a repeated start keeps the stored handle
        store.stepStarted(id, 1, "place", null); // a zombie restarting a done step changes nothing

        assertThat(store.steps(id)).containsExactly(
                new JobStep(1, "place", JobStep.Status.DONE, "pve1/101", "node=pve1 vm=101"),
                new JobStep(2, "clone", JobStep.Status.STARTED, "pve1/UPID:pve1:1", null));

        store.stepDone(id, 2, "clone", "pve1/UPID:pve1:1", "OK");
        assertThat(store.steps(id)).last()
                .isEqualTo(new JobStep(2, "clone", JobStep.Status.DONE, "pve1/UPID:pve1:1", "OK"));
    }

    @Test
    void statusMovesAndAFinishedJobStaysFinished() throws SQLException {
        UUID id = store.enqueue(JobKind.START, server(), Map.of());

        store.running(id);
        store.waiting(id, "waiting for start task");
        Job waiting = store.find(id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(JobStatus.WAITING);
        assertThat(waiting.lastError()).isEqualTo("waiting for start task");
        store.running(id);
        assertThat(store.find(id).orElseThrow().attempts()).isEqualTo(2);

        store.finished(id, false, "start task failed: boom");
        store.finished(id, true, null); // a zombie's late report does not change the outcome
        store.running(id);
        Job done = store.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.FAILED);
        assertThat(done.lastError()).isEqualTo("start task failed: boom");
    }

    @Test
    void longTextsAreCut() throws SQLException {
        UUID id = store.enqueue(JobKind.STOP, server(), Map.of());
        store.finished(id, false, "x".repeat(5000));
        assertThat(store.find(id).orElseThrow().lastError()).hasSize(JdbcJobStore.ERROR_LENGTH);
    }

    @Test
    void countsEveryStatus() throws SQLException {
        Map<JobStatus, Long> before = store.counts();
        UUID a = store.enqueue(JobKind.REBOOT, server(), Map.of());
        store.enqueue(JobKind.REBOOT, server(), Map.of());
        store.finished(a, true, null);

        Map<JobStatus, Long> after = store.counts();
        assertThat(after).containsOnlyKeys(JobStatus.values());
        assertThat(after.get(JobStatus.PENDING) - before.get(JobStatus.PENDING)).isEqualTo(1);
        assertThat(after.get(JobStatus.SUCCEEDED) - before.get(JobStatus.SUCCEEDED)).isEqualTo(1);
    }

    private static UUID server() throws SQLException {
        UUID user = UUID.randomUUID();
        UUID server = UUID.randomUUID();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("insert into users (id, email) values (?, ?)")) {
                st.setObject(1, user);
                st.setString(2, user + "@example.test");
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("insert into servers (id, owner_id, name, status, cpu_cores, "
                    + "memory_mb, disk_gb) values (?, ?, 'web-1', 'provisioning', 1, 512, 10)")) {
                st.setObject(1, server);
                st.setObject(2, user);
                st.executeUpdate();
            }
        }
        return server;
    }
}
