package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class AccessLogWriterTest {

    @Test
    void linesAreWrittenOffTheCallersThreadInOrder() throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        AccessLogWriter writer = AccessLogWriter.start(line -> {
            lines.add(line);
            threads.add(Thread.currentThread().getName());
        });
        IntStream.range(0, 1000).forEach(i -> writer.write("line " + i));
        for (int i = 0; i < 500 && lines.size() < 1000; i++) {
            Thread.sleep(10);
        }
        writer.close();
        assertThat(lines).containsExactlyElementsOf(IntStream.range(0, 1000).mapToObj(i -> "line " + i).toList());
        assertThat(threads).containsOnly("berth-access-log");
    }

    @Test
    void aFullQueueMakesTheCallerWriteItselfAndNothingIsLost() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> lines = new CopyOnWriteArrayList<>();
        AccessLogWriter writer = AccessLogWriter.start(line -> {
            if (Thread.currentThread().getName().equals("berth-access-log")) {
                try {
                    release.await(10, TimeUnit.SECONDS); // a log that has stalled
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            lines.add(line);
        });
        int total = AccessLogWriter.CAPACITY + 600;
        for (int i = 0; i < total; i++) {
            writer.write("line " + i);
        }
        assertThat(lines).as("written by the caller while the queue was full").isNotEmpty();
        release.countDown();
        writer.close();
        assertThat(lines).hasSize(total).doesNotHaveDuplicates();
    }

    @Test
    void afterCloseLinesAreWrittenInline() {
        List<String> lines = new CopyOnWriteArrayList<>();
        AccessLogWriter writer = AccessLogWriter.start(lines::add);
        writer.close();
        writer.write("late");
        assertThat(lines).containsExactly("late");
    }

    @Test
    void requestIdsAreVersion4Uuids() {
        for (int i = 0; i < 100; i++) {
            UUID id = UUID.fromString(AccessLog.randomId());
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
        }
        assertThat(IntStream.range(0, 10_000).mapToObj(i -> AccessLog.randomId()).distinct()).hasSize(10_000);
    }
}
