package io.jdask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.comm.RefusedException;
import io.jdask.distributed.comm.Security;
import io.jdask.distributed.scheduler.SchedulerServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting a worker against a scheduler: registration, refusals. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerStartTest {
    @Test
    void aWorkerWithTheWrongTokenIsRefusedAtOnce() throws Exception {
        try (SchedulerServer s = SchedulerServer.builder().port(0).security(Security.token("right")).start()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> Worker.builder().scheduler(s.address()).security(Security.token("wrong")).deathTimeout(Duration.ofSeconds(30)).start())
                    .isInstanceOf(RefusedException.class)
                    .hasMessageContaining("was refused by the scheduler at " + s.address())
                    .hasMessageContaining("wrong or missing token");
            assertThat(System.nanoTime() - start).as("refused without waiting for the death timeout").isLessThan(TimeUnit.SECONDS.toNanos(25));
        }
    }

    @Test
    void aWorkerRegistersAndSaysWhatItIs() throws Exception {
        try (SchedulerServer s = SchedulerServer.builder().port(0).security(Security.token("t")).start();
             Worker w = Worker.builder().scheduler(s.address()).security(Security.token("t")).name("w1").nthreads(3).memoryLimit(3L << 30).start()) {
            assertThat(w.summary()).isEqualTo("worker w1 " + w.address() + " -> " + s.address() + ", 3 threads, 3 GiB");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (s.workers().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(s.workers()).singleElement().satisfies(i -> {
                assertThat(i.name()).isEqualTo("w1");
                assertThat(i.nthreads()).isEqualTo(3);
                assertThat(i.address()).isEqualTo(w.address());
            });
        }
    }
}
