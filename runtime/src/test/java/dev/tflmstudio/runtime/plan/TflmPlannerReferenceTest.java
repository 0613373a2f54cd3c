package dev.tflmstudio.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The tflm planner reproduces every buffer and head size TFLM printed for the reference runs. */
class TflmPlannerReferenceTest {

    @Test
    void everyReferencePlanMatchesByteForByte() throws Exception {
        Assumptions.assumeTrue(RefRun.available(), "tflm.shared not available");
        List<String> failures = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int checked = 0;
        for (RefRun run : RefRun.all("ref")) {
            if (!run.hasPlan()) {
                continue;
            }
            Model model;
            try {
                model = ModelReader.open(run.model());
            } catch (ModelFormatException e) {
                unreadable.add(run.name() + ": " + e.getMessage());
                continue;
            }
            MemoryPlan plan = Planners.plan(model, "tflm", Target.HOST64);
            checked++;
            String diff = compare(run, plan);
            if (diff != null) {
                failures.add(run.name() + ": " + diff);
            }
        }
        // The reader belongs to another module; models it rejects are reported, not planned.
        unreadable.forEach(u -> System.err.println("not planned (reader): " + u));
        assertThat(checked).isGreaterThan(250);
        assertThat(failures).isEmpty();
    }

    /** First difference between the reference CSV and our plan, or null. */
    static String compare(RefRun run, MemoryPlan plan) {
        if (plan.bufferCount() != run.planRows().size()) {
            return "buffer count " + plan.bufferCount() + " != " + run.planRows().size();
        }
        for (String[] row : run.planRows()) {
            PlannedBuffer b = plan.buffers().get(Integer.parseInt(row[0]));
            String expected = String.join(",", row[1], row[3], row[7], row[9], row[10], row[11], row[12]);
            String kind = b.kind() == BufferKind.TENSOR ? "tensor" : "scratch";
            int tensorColumn = b.kind() == BufferKind.TENSOR ? b.tensor() : scratchOrdinal(plan, b);
            String actual = String.join(",", kind, String.valueOf(tensorColumn), String.valueOf(b.size()),
                    String.valueOf(b.firstUse()), String.valueOf(b.lastUse()), String.valueOf(b.offlineOffset()),
                    String.valueOf(b.offset()));
            if (!expected.equals(actual)) {
                return "buffer " + row[0] + " expected " + expected + " got " + actual;
            }
            if (b.kind() == BufferKind.TENSOR && !row[8].isEmpty() && Long.parseLong(row[8]) != b.rawBytes()) {
                return "buffer " + row[0] + " raw bytes " + b.rawBytes() + " != " + row[8];
            }
        }
        if (plan.headBytes() != run.greedyBytes()) {
            return "head " + plan.headBytes() + " != " + run.greedyBytes();
        }
        if (plan.lowerBoundBytes() != run.lowerBound()) {
            return "lower bound " + plan.lowerBoundBytes() + " != " + run.lowerBound();
        }
        return null;
    }

    private static int scratchOrdinal(MemoryPlan plan, PlannedBuffer b) {
        return plan.scratchBuffers().indexOf(b);
    }
}
