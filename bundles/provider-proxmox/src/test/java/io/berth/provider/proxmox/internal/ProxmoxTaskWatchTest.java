package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.provider.proxmox.internal.FakePve.Reply;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task watch's reads of a node's task list: from where, and page after page. */
class ProxmoxTaskWatchTest {

    private static final String WATCHED = "UPID:pve1:00001000:00002000:6B000010:qmclone:9000:root@pam!berth:";

    private FakePve pve;
    private ProxmoxTasks tasks;
    private ProxmoxTaskWatch watch;

    @BeforeEach
    void start() throws Exception {
        pve = new FakePve();
        ProxmoxHttp http = TestSupport.http(pve.base(), ProxmoxAuth.none());
        tasks = new ProxmoxTasks(http, Clock.systemUTC(), Duration.ofMillis(20));
        watch = new ProxmoxTaskWatch(http, tasks, Duration.ofMillis(20), Clock.systemUTC(), "test-task-watch");
    }

    @AfterEach
    void stop() {
        watch.close();
        pve.close();
    }

    /** A task as the list shows it; {@code ended}: with an end time and exit status OK, else RUNNING. */
    private static String task(String upid, boolean ended) {
        return task(upid, ended ? "OK" : null);
    }

    /** A task as the list shows it; ended with that exit status, or running when it is null. */
    private static String task(String upid, String exit) {
        return "{\"upid\":\"" + upid + "\",\"node\":\"pve1\",\"pid\":1,\"pstart\":1,\"starttime\":1795162128,"
                + "\"type\":\"qmstart\",\"id\":\"1\",\"user\":\"root@pam!berth\","
                + (exit != null ? "\"endtime\":1795162130,\"status\":\"" + exit + "\"}" : "\"status\":\"RUNNING\"}");
    }

    private static String others(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> task(String.format("UPID:pve1:%08X:00002000:6B000011:qmstart:%d:root@pam!berth:", i, i), true))
                .collect(Collectors.joining(","));
    }

    @Test
    void readsFromTheWatchedTasksStartAndThePagesAfterAFullOne() throws Exception {
        // page 1 is full of other tasks; the watched one is on page 2, first running, then ended
        AtomicInteger lists = new AtomicInteger();
        pve.route("GET", "/nodes/pve1/tasks", r -> {
            boolean second = r.query().contains("start=" + ProxmoxTaskWatch.PAGE);
            if (!second) {
                return Reply.data("[" + others(ProxmoxTaskWatch.PAGE) + "]");
            }
            return Reply.data("[" + task(WATCHED, lists.incrementAndGet() > 2) + "]");
        });
        CountDownLatch told = new CountDownLatch(1);

        assertThat(watch.watch(new TaskHandle("pve1", WATCHED), told::countDown)).isTrue();

        assertThat(told.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(lists.get()).as("told only once it was listed ended").isGreaterThan(2);
        assertThat(pve.requests("GET", "/nodes/pve1/tasks")).first().satisfies(r -> assertThat(r.query())
                .contains("source=all", "since=" + 0x6B000010L, "start=0", "limit=" + ProxmoxTaskWatch.PAGE));
    }

    @Test
    void theStatusReadAfterTheNoticeIsAnsweredFromTheListOnce() throws Exception {
        String failed = "UPID:pve1:00001001:00002000:6B000012:qmstart:101:root@pam!berth:";
        pve.route("GET", "/nodes/pve1/tasks", r -> Reply.data("[" + task(WATCHED, "OK") + ","
                + task(failed, "start failed: QEMU exited with code 1") + "]"));
        pve.route("GET", "/nodes/pve1/tasks/" + WATCHED + "/status", r -> Reply.data(
                "{\"upid\":\"" + WATCHED + "\",\"node\":\"pve1\",\"status\":\"stopped\",\"exitstatus\":\"OK\","
                        + "\"type\":\"qmstart\",\"id\":\"1\",\"pid\":1,\"starttime\":1795162128,\"user\":\"root@pam!berth\"}"));
        CountDownLatch told = new CountDownLatch(2);

        watch.watch(new TaskHandle("pve1", WATCHED), told::countDown);
        watch.watch(new TaskHandle("pve1", failed), told::countDown);
        assertThat(told.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(tasks.status(new TaskHandle("pve1", WATCHED)).state()).isEqualTo(TaskStatus.State.SUCCEEDED);
        TaskStatus start = tasks.status(new TaskHandle("pve1", failed));
        assertThat(start.state()).isEqualTo(TaskStatus.State.FAILED);
        assertThat(start.detail()).contains("QEMU exited with code 1");
        assertThat(pve.requests("GET", "/nodes/pve1/tasks/" + WATCHED + "/status")).as("answered from the list").isEmpty();

        assertThat(tasks.status(new TaskHandle("pve1", WATCHED)).state()).isEqualTo(TaskStatus.State.SUCCEEDED);
        assertThat(pve.requests("GET", "/nodes/pve1/tasks/" + WATCHED + "/status")).as("a second read asks").hasSize(1);
    }

    @Test
    void aNodeWhoseListHangsDoesNotHoldUpAnotherNodesNotice() throws Exception {
        // pve1's list read hangs (inside a long request timeout); pve2's task ends after its first read
        ProxmoxHttp patient = TestSupport.http(pve.base(), ProxmoxAuth.none(),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Duration.ofSeconds(30));
        ProxmoxTaskWatch both = new ProxmoxTaskWatch(patient, tasks, Duration.ofMillis(20), Clock.systemUTC(),
                "test-task-watch-nodes");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger pve1Answered = new AtomicInteger();
        pve.route("GET", "/nodes/pve1/tasks", r -> {
            release.await(20, TimeUnit.SECONDS);
            pve1Answered.incrementAndGet();
            return Reply.data("[" + task(WATCHED, true) + "]");
        });
        String onPve2 = "UPID:pve2:00001002:00002000:6B000013:qmstart:102:root@pam!berth:";
        AtomicInteger pve2Reads = new AtomicInteger();
        pve.route("GET", "/nodes/pve2/tasks", r -> Reply.data("[" + task(onPve2, pve2Reads.incrementAndGet() > 1) + "]"));
        CountDownLatch pve1Told = new CountDownLatch(1);
        CountDownLatch pve2Told = new CountDownLatch(1);
        try {
            both.watch(new TaskHandle("pve1", WATCHED), pve1Told::countDown);
            both.watch(new TaskHandle("pve2", onPve2), pve2Told::countDown);

            assertThat(pve2Told.await(5, TimeUnit.SECONDS)).as("pve2's notice while pve1's read hangs").isTrue();
            assertThat(pve1Answered.get()).as("pve1 still unanswered").isZero();
            release.countDown();
            assertThat(pve1Told.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            release.countDown();
            both.close();
        }
    }

    @Test
    void aNodeIsReadOnlyWhileATaskIsWatchedThere() throws Exception {
        AtomicInteger lists = new AtomicInteger();
        pve.route("GET", "/nodes/pve1/tasks", r -> {
            lists.incrementAndGet();
            return Reply.data("[" + task(WATCHED, true) + "]");
        });
        CountDownLatch told = new CountDownLatch(1);
        watch.watch(new TaskHandle("pve1", WATCHED), told::countDown);
        assertThat(told.await(5, TimeUnit.SECONDS)).isTrue();

        Thread.sleep(200); // ten intervals: the first one after the notice finds nothing watched and stops
        int after = lists.get();
        Thread.sleep(200);
        assertThat(lists.get()).as("no reads once nothing is watched").isEqualTo(after);

        CountDownLatch again = new CountDownLatch(1);
        String next = "UPID:pve1:00001003:00002000:6B000014:qmstart:103:root@pam!berth:";
        pve.route("GET", "/nodes/pve1/tasks", r -> {
            lists.incrementAndGet();
            return Reply.data("[" + task(next, true) + "]");
        });
        watch.watch(new TaskHandle("pve1", next), again::countDown);
        assertThat(again.await(5, TimeUnit.SECONDS)).as("a new watch reads again").isTrue();
    }
}
