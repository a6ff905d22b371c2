package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.scheduler.Schedulers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DelayedDemoTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 100, 1023, 1025})
    void treeSumEqualsTheLoopForEveryShapeOfTree(int n) {
        Delayed<Long> total = DelayedDemo.sumOfSquares(n);

        assertThat(Jdask.with(Schedulers.sync()).compute(total).get(total)).isEqualTo(DelayedDemo.sumOfSquaresByLoop(n));
        assertThat(Jdask.with(Schedulers.threaded(2)).compute(total).get(total)).isEqualTo(DelayedDemo.sumOfSquaresByLoop(n));
    }

    @Test
    void treeHasOneSquarePerNumberAndOneAddPerPair() {
        long squares = DelayedDemo.sumOfSquares(6).graph().materialize().nodes().keySet().stream()
                .filter(k -> k.prefix().equals("square")).count();
        long adds = DelayedDemo.sumOfSquares(6).graph().materialize().nodes().keySet().stream()
                .filter(k -> k.prefix().equals("add")).count();

        assertThat(squares).isEqualTo(6);
        assertThat(adds).isEqualTo(5);
    }

    @Test
    void loopKnowsTheClosedForm() {
        long n = 100_000;
        assertThat(DelayedDemo.sumOfSquaresByLoop((int) n)).isEqualTo((n - 1) * n * (2 * n - 1) / 6);
    }

    @Test
    void needsAtLeastOneNumber() {
        assertThatThrownBy(() -> DelayedDemo.sumOfSquares(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void diamondsSharedPureCallIsOneTaskThatRunsOnce() {
        DelayedDemo.Diamond diamond = DelayedDemo.diamond(4);
        long before = DelayedDemo.slowSquareCalls();

        long value = Jdask.with(Schedulers.threaded(2)).compute(diamond.result()).get(diamond.result());

        assertThat(diamond.sharedFromLeft().key()).isEqualTo(diamond.sharedFromRight().key());
        assertThat(value).isEqualTo(DelayedDemo.Diamond.expected(4)).isEqualTo((16 + 1) + 32);
        assertThat(DelayedDemo.slowSquareCalls() - before).isEqualTo(1);
    }
}
