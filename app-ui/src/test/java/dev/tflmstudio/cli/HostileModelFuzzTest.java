package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile models through {@code inspect}, {@code plan} and {@code run}: mutants of the real models and of
 * generated ones (see {@link HostileModelFuzz}) each end with exit 0, 3 or 4 and, when they fail, one
 * {@code error:} line and no stack trace, in bounded time and memory. {@code -Dfuzz.count=N -Dfuzz.seed=S} makes
 * more or other mutants ({@code -Dfuzz.from=N -Dfuzz.count=1} makes reported mutant N again).
 */
class HostileModelFuzzTest {
    @TempDir
    Path tmp;

    @Test
    // CI: 2,000 in 1-2 minutes. -Dfuzz.count=100000 takes about an hour: add
    // -Djunit.jupiter.execution.timeout.mode=disabled
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyMutantEndsWithExit034AndOneErrorLine() {
        int count = Integer.getInteger("fuzz.count", 2000);
        long seed = Long.getLong("fuzz.seed", 1);
        HostileModelFuzz.Report report = new HostileModelFuzz(seed, tmp).run(count);
        System.out.print(report.summary());
        assertThat(report.loads).as("some mutants are valid models").isPositive();
        assertThat(report.violations).as(report.summary()).isEmpty();
    }

    /** The classification that keeps graph-level crashes apart names the exception and where it was thrown. */
    @Test
    void aCrashIsClassifiedByItsExceptionAndFirstProjectFrame() {
        String err = "error: internal error: java.lang.ArrayIndexOutOfBoundsException: Index 4 out of bounds\n"
                + "java.lang.ArrayIndexOutOfBoundsException: Index 4 out of bounds\n"
                + "\tat java.base/java.util.Objects.checkIndex(Objects.java:1)\n"
                + "\tat dev.tflmstudio.runtime.kernels.core.AddSub.prepare(AddSub.java:40)\n";
        assertThat(HostileModelFuzz.crashKind(err)).isEqualTo("ArrayIndexOutOfBoundsException at "
                + "dev.tflmstudio.runtime.kernels.core.AddSub.prepare(AddSub.java:40) in runtime.kernels");
    }
}
