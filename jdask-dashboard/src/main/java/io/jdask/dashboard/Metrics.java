package io.jdask.dashboard;

import io.jdask.distributed.scheduler.monitor.ClusterMonitor;
import io.jdask.distributed.scheduler.monitor.ClusterSnapshot;
import io.jdask.distributed.scheduler.monitor.PrefixProgress;
import io.jdask.distributed.scheduler.monitor.WorkerSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The Prometheus metrics of {@code /metrics}: the cluster's counters and gauges read from the
 * latest snapshot at each scrape, per-worker and per-prefix gauges, and the scheduler JVM's own.
 */
final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ClusterMonitor monitor;
    private final MultiGauge workerMemory;
    private final MultiGauge workerProcessing;
    private final MultiGauge workerThreads;
    private final MultiGauge workerSpilled;
    private final MultiGauge workerCpu;
    private final MultiGauge workerSent;
    private final MultiGauge workerReceived;
    private final MultiGauge prefixTasks;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    Metrics(ClusterMonitor monitor, java.util.function.IntSupplier sockets, java.util.function.IntSupplier paused) {
        this.monitor = monitor;
        Gauge.builder("jdask_dashboard_websockets", sockets, s -> s.getAsInt()).description("pages connected to the dashboard's WebSocket")
                .strongReference(true) // the supplier is held by nothing else: a weak gauge reads NaN after a GC
                .register(registry);
        Gauge.builder("jdask_dashboard_websockets_paused", paused, s -> s.getAsInt())
                .description("pages connected to the dashboard's WebSocket that are hidden and get no pushes").strongReference(true).register(registry);
        gauge("jdask_scheduler_workers", "workers registered", s -> s.workers().size());
        gauge("jdask_scheduler_threads", "task threads of all workers", s -> s.workers().stream().mapToInt(WorkerSnapshot::nthreads).sum());
        gauge("jdask_scheduler_tasks", "tasks the scheduler knows", s -> s.totals().tasks());
        gauge("jdask_scheduler_tasks_queued", "root tasks in the scheduler's queue", s -> s.totals().queued());
        gauge("jdask_scheduler_memory_bytes", "bytes held in memory by all workers", s -> s.workers().stream().mapToLong(WorkerSnapshot::memoryBytes).sum());
        gauge("jdask_scheduler_spilled_bytes", "bytes all workers hold spilled to disk (their in-memory sizes)",
                s -> s.workers().stream().mapToLong(WorkerSnapshot::spilledBytes).sum());
        counter("jdask_scheduler_tasks_finished", "tasks reported finished", s -> s.totals().tasksFinished());
        counter("jdask_scheduler_tasks_erred", "tasks reported failed", s -> s.totals().tasksErred());
        counter("jdask_scheduler_transitions", "task transitions", s -> s.totals().transitions());
        counter("jdask_scheduler_transferred_bytes", "bytes copied between workers, as reported", s -> s.totals().bytesTransferred());
        counter("jdask_scheduler_workers_joined", "workers that registered", s -> s.totals().workersJoined());
        counter("jdask_scheduler_workers_left", "workers that left or were lost", s -> s.totals().workersLeft());
        workerMemory = MultiGauge.builder("jdask_worker_memory_bytes").description("bytes a worker holds in memory").register(registry);
        workerProcessing = MultiGauge.builder("jdask_worker_processing_tasks").description("tasks assigned to a worker").register(registry);
        workerThreads = MultiGauge.builder("jdask_worker_threads").description("a worker's task threads").register(registry);
        workerSpilled = MultiGauge.builder("jdask_worker_spilled_bytes").description("bytes a worker holds spilled to disk (their in-memory sizes)")
                .register(registry);
        workerCpu = MultiGauge.builder("jdask_worker_cpu_percent").description("CPU of a worker's process over its last heartbeat interval (100 = one core)")
                .register(registry);
        workerSent = MultiGauge.builder("jdask_worker_sent_bytes").description("bytes of values a worker sent to peers and clients since it started")
                .register(registry);
        workerReceived = MultiGauge.builder("jdask_worker_received_bytes").description("bytes of values a worker received from peers since it started")
                .register(registry);
        prefixTasks = MultiGauge.builder("jdask_prefix_tasks").description("tasks of a key prefix by state").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    private void gauge(String name, String help, ToDoubleFunction<ClusterSnapshot> f) {
        Gauge.builder(name, monitor, m -> f.applyAsDouble(m.snapshot())).description(help).register(registry);
    }

    private void counter(String name, String help, ToDoubleFunction<ClusterSnapshot> f) {
        FunctionCounter.builder(name, monitor, m -> f.applyAsDouble(m.snapshot())).description(help).register(registry);
    }

    /** @return the metrics in Prometheus' text format */
    String scrape() {
        ClusterSnapshot s = monitor.snapshot();
        List<MultiGauge.Row<?>> memory = new ArrayList<>();
        List<MultiGauge.Row<?>> processing = new ArrayList<>();
        List<MultiGauge.Row<?>> threads = new ArrayList<>();
        List<MultiGauge.Row<?>> spilled = new ArrayList<>();
        List<MultiGauge.Row<?>> cpu = new ArrayList<>();
        List<MultiGauge.Row<?>> sent = new ArrayList<>();
        List<MultiGauge.Row<?>> received = new ArrayList<>();
        for (WorkerSnapshot w : s.workers()) {
            Tags tags = Tags.of("worker", w.address(), "name", w.name());
            memory.add(MultiGauge.Row.of(tags, w.memoryBytes()));
            processing.add(MultiGauge.Row.of(tags, w.processing()));
            threads.add(MultiGauge.Row.of(tags, w.nthreads()));
            spilled.add(MultiGauge.Row.of(tags, w.spilledBytes()));
            if (w.metrics().cpuPercent() >= 0) {
                cpu.add(MultiGauge.Row.of(tags, w.metrics().cpuPercent()));
            }
            sent.add(MultiGauge.Row.of(tags, w.bytesSent()));
            received.add(MultiGauge.Row.of(tags, w.bytesReceived()));
        }
        List<MultiGauge.Row<?>> prefixes = new ArrayList<>();
        for (PrefixProgress p : s.prefixes()) {
            prefixes.add(MultiGauge.Row.of(Tags.of("prefix", p.prefix(), "state", "waiting"), p.waiting()));
            prefixes.add(MultiGauge.Row.of(Tags.of("prefix", p.prefix(), "state", "queued"), p.queued()));
            prefixes.add(MultiGauge.Row.of(Tags.of("prefix", p.prefix(), "state", "processing"), p.processing()));
            prefixes.add(MultiGauge.Row.of(Tags.of("prefix", p.prefix(), "state", "memory"), p.memory()));
            prefixes.add(MultiGauge.Row.of(Tags.of("prefix", p.prefix(), "state", "erred"), p.erred()));
        }
        workerMemory.register(memory, true);
        workerProcessing.register(processing, true);
        workerThreads.register(threads, true);
        workerSpilled.register(spilled, true);
        workerCpu.register(cpu, true);
        workerSent.register(sent, true);
        workerReceived.register(received, true);
        prefixTasks.register(prefixes, true);
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
