package dev.tflmstudio.runtime.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.samples.HostileModels;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A WHILE whose condition never turns false stops at the iteration limit, or when cancelled from another thread. */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // the point of these tests is that nothing hangs
class WhileLimitAndCancelTest {
    private static Session session() throws Exception {
        Model m = ModelReader.read(HostileModels.neverEndingWhile(1), "never-ending-while");
        Session s = Session.allocate(m);
        s.setInput(0, new byte[] {1, 0, 0, 0});
        return s;
    }

    @Test
    void theIterationLimitStopsTheWhileWithOneLineNamingTheOp() throws Exception {
        Session s = session();
        assertThat(s.maxWhileIterations()).isEqualTo(Session.DEFAULT_MAX_WHILE_ITERATIONS);
        s.setMaxWhileIterations(1000);
        s.step();
        assertThatThrownBy(s::step).isInstanceOfSatisfying(KernelException.class,
                e -> assertThat(e.stage()).isEqualTo(KernelException.Stage.INVOKE))
                .hasMessage("op 1 WHILE: the condition (subgraph 1) is still true after 1,000 iterations; stopped "
                        + "at the WHILE iteration limit");
        assertThatThrownBy(() -> s.setMaxWhileIterations(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancelFromAnotherThreadStopsALoopingWhileAndTheSessionRunsOn() throws Exception {
        Session s = session();
        s.setMaxWhileIterations(Long.MAX_VALUE);
        s.step(); // op 0
        CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s.cancel();
        });
        assertThatThrownBy(s::run).isInstanceOfSatisfying(InvokeCancelledException.class,
                e -> assertThat(e.opIndex()).isEqualTo(1)).hasMessage("cancelled at op 1 WHILE");
        canceller.join();
        assertThat(s.position()).as("stopped inside the op: the next step starts a new invoke").isZero();
        // the request is spent: the session runs again, here into the limit
        s.setMaxWhileIterations(10);
        assertThat(s.step()).isZero();
        assertThatThrownBy(s::step).isInstanceOf(KernelException.class).hasMessageContaining("after 10 iterations");
    }

    @Test
    void aCancelBetweenOpsStopsBeforeTheNextOp() throws Exception {
        Session s = session();
        s.cancel();
        assertThatThrownBy(s::step).isInstanceOf(InvokeCancelledException.class).hasMessage("cancelled at op 0 ADD");
        assertThat(s.position()).isZero();
        assertThat(s.step()).isZero();
    }
}
