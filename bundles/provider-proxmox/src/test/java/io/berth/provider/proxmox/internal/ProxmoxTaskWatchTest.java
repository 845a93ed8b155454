package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.provider.proxmox.internal.FakePve.Reply;

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
}
