package dev.tflmstudio.app.arena;

import dev.tflmstudio.app.workspace.BoardProbe;
import dev.tflmstudio.runtime.plan.BufferKind;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import dev.tflmstudio.serial.probe.OpComparison;
import dev.tflmstudio.serial.probe.TensorComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The attached board's arena on the arena chart: where it starts on the board, and which bytes of the tensors the
 * board wrote in this invoke differ from the local runtime's (as runs of byte offsets within each tensor).
 *
 * @param address   the arena's first byte on the board, or -1 with no board attached
 * @param differing tensor index to its differing byte runs {@code [from, to)}, in tensor order
 */
record BoardBytes(long address, Map<Integer, List<long[]>> differing) {
    static final BoardBytes NONE = new BoardBytes(-1, Map.of());
    private static final Color MARK = Color.web("#D93025");
    private static final Font FONT = Font.font("System", FontWeight.BOLD, 11);
    /** Runs drawn per tensor at most: farther apart ones merge, so a tensor wrong everywhere stays one block. */
    private static final int MAX_RUNS = 64;

    static BoardBytes of(BoardProbe probe) {
        if (probe == null) {
            return NONE;
        }
        Map<Integer, List<long[]>> out = new LinkedHashMap<>();
        for (OpComparison op : probe.comparisons()) {
            for (TensorComparison t : op.outputs()) {
                if (!t.equal()) {
                    out.put(t.tensor(), runs(t.board(), t.local()));
                }
            }
        }
        return new BoardBytes(probe.arena().address(), out);
    }

    private static List<long[]> runs(byte[] a, byte[] b) {
        List<long[]> runs = new ArrayList<>();
        int n = Math.max(a.length, b.length);
        int gap = Math.max(1, n / MAX_RUNS);
        for (int i = 0; i < n; i++) {
            boolean differs = i >= a.length || i >= b.length || a[i] != b[i];
            if (!differs) {
                continue;
            }
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && i - last[1] < gap) {
                last[1] = i + 1;
            } else {
                runs.add(new long[] {i, i + 1});
            }
        }
        return runs;
    }

    long differingBytes() {
        return differing.values().stream().flatMap(List::stream).mapToLong(r -> r[1] - r[0]).sum();
    }

    /** One line for the arena window's header: where the board's arena is and what differs in it. */
    String line(BoardProbe probe) {
        String tensors = differing.isEmpty() ? "every tensor the board wrote in this invoke equals the local one"
                : String.format(Locale.ROOT, "%d tensor(s) differ (%,d B, marked red): ", differing.size(),
                        differingBytes()) + String.join(", ", differing.keySet().stream().limit(6)
                        .map(t -> "t" + t).toList()) + (differing.size() > 6 ? ", …" : "");
        return "board (probe): " + probe.arenaLine() + " · " + tensors;
    }

    /** Marks the differing bytes of their tensors' buffers and names the board's arena start on the axis. */
    void draw(GraphicsContext gc, MemoryPlan plan, DoubleUnaryOperator xOf, DoubleUnaryOperator yOf, double left) {
        if (address < 0) {
            return;
        }
        gc.setFill(MARK);
        for (PlannedBuffer b : plan.buffers()) {
            List<long[]> runs = b.kind() == BufferKind.TENSOR && b.subgraph() == 0 ? differing.get(b.tensor()) : null;
            if (runs == null || b.firstUse() < 0) {
                continue;
            }
            double x0 = xOf.applyAsDouble(b.firstUse());
            double x1 = xOf.applyAsDouble(b.lastUse() + 1);
            for (long[] r : runs) {
                double y0 = yOf.applyAsDouble(b.offset() + Math.min(r[1], b.size()));
                double y1 = yOf.applyAsDouble(b.offset() + r[0]);
                gc.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(2, y1 - y0));
            }
        }
        // Offset 0 is the chart's bottom edge: say there what it is on the board.
        String text = String.format(Locale.ROOT, "offset 0 = board address 0x%08x", address);
        double y = yOf.applyAsDouble(0) - 4;
        gc.setFont(FONT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.setFill(Color.rgb(255, 255, 255, 0.85));
        gc.fillRect(left + 2, y - 15, text.length() * 6.6 + 8, 16);
        gc.setFill(MARK);
        gc.fillText(text, left + 6, y);
        gc.setTextBaseline(VPos.CENTER);
    }
}
