package io.jdask.distributed.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryMonitorTest {
    @Test
    void levelsFollowProcessMemoryAgainstTheThresholds() {
        MemoryMonitor m = new MemoryMonitor(MemoryThresholds.defaults(1000));
        MemoryAssessment a = m.observe(500, 400);
        assertThat(a.level()).isEqualTo(MemoryLevel.OK);
        assertThat(a.bytesToSpill()).isZero();
        assertThat(m.observe(700, 400).level()).isEqualTo(MemoryLevel.OK);   // at the spill threshold, not above

        a = m.observe(750, 400);
        assertThat(a.level()).isEqualTo(MemoryLevel.SPILL);
        assertThat(a.bytesToSpill()).isEqualTo(150);                        // back to the 600-byte target
        assertThat(a.pauseStarted()).isFalse();

        a = m.observe(850, 100);
        assertThat(a.level()).isEqualTo(MemoryLevel.PAUSE);
        assertThat(a.bytesToSpill()).isEqualTo(100);                         // no more than the store holds
        assertThat(a.pauseStarted()).isTrue();
        assertThat(m.observe(820, 0).pauseStarted()).isFalse();              // still paused: no new event

        a = m.observe(960, 0);
        assertThat(a.level()).isEqualTo(MemoryLevel.TERMINATE);
        assertThat(a.terminate()).isTrue();
        assertThat(a.pauseStarted()).isFalse();
        assertThat(m.observe(970, 0).terminate()).isFalse();                 // said once

        a = m.observe(300, 0);
        assertThat(a.level()).isEqualTo(MemoryLevel.OK);
        assertThat(a.pauseEnded()).isTrue();
        assertThat(a.previous()).isEqualTo(MemoryLevel.TERMINATE);
    }

    @Test
    void withoutALimitNothingHappens() {
        MemoryMonitor m = new MemoryMonitor(MemoryThresholds.defaults(0));
        MemoryAssessment a = m.observe(Long.MAX_VALUE / 2, 1 << 30);
        assertThat(a.level()).isEqualTo(MemoryLevel.OK);
        assertThat(a.bytesToSpill()).isZero();
    }

    @Test
    void thresholdsComeFromConfigurationAndBadOnesNameTheirKey() {
        MemoryThresholds d = MemoryThresholds.fromConfig(100);
        assertThat(d).isEqualTo(MemoryThresholds.defaults(100));
        Config.Scope scope = Config.set(Map.of("distributed.worker.memory.target", 0.5, "distributed.worker.memory.pause", 0.9));
        try {
            MemoryThresholds t = MemoryThresholds.fromConfig(1000);
            assertThat(t.targetBytes()).isEqualTo(500);
            assertThat(t.pauseBytes()).isEqualTo(900);
        } finally {
            scope.close();
        }
        Config.Scope bad = Config.set("distributed.worker.memory.terminate", 1.5);
        try {
            assertThatThrownBy(() -> MemoryThresholds.fromConfig(1000)).hasMessageContaining("distributed.worker.memory.terminate");
        } finally {
            bad.close();
        }
        assertThatThrownBy(() -> new MemoryThresholds(10, 0.9, 0.7, 0.8, 0.95)).hasMessageContaining("distributed.worker.memory.target (0.9)");
        assertThatThrownBy(() -> new MemoryMonitor(MemoryThresholds.defaults(10)).observe(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void processMemoryReadsAPositiveHeap() {
        assertThat(ProcessMemory.read()).isPositive();
        if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self"))) {
            assertThat(ProcessMemory.residentBytes(ProcessHandle.current().pid()).orElseThrow()).isPositive();
        }
        assertThat(ProcessMemory.residentBytes(-1)).isEmpty();
    }
}
