package dev.tflmstudio.app.profile;

import dev.tflmstudio.app.graph.NodeColors;
import dev.tflmstudio.app.workspace.CanvasChart;
import dev.tflmstudio.app.workspace.OpTimings;
import dev.tflmstudio.runtime.model.Model;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The profile's chart: the latest invoke as a timeline strip at the top, then one bar per op of its steady median
 * with a p95 whisker, or, once a board or a device estimate is there, their shares beside the local ones. Draws
 * the rows it is given; it computes nothing.
 */
final class ProfileChart extends CanvasChart {
    private static final Color BOARD = Color.web("#E8710A");
    private static final Color DEVICE = Color.web("#8E6BBF");
    private OpTimings timings;
    private Model model;
    private List<ProfileRow> rows = List.of();

    /** Shows rows computed from {@code t} (null before the first run) of model {@code m}. */
    void show(OpTimings t, Model m, List<ProfileRow> shown) {
        timings = t;
        model = m;
        rows = shown;
        redraw();
    }

    @Override
    protected void paint(GraphicsContext gc, double w, double h) {
        OpTimings t = timings;
        Model m = model;
        if (t == null || m == null || rows.isEmpty()) {
            return;
        }
        gc.setFont(Font.font(10));
        gc.setTextBaseline(VPos.CENTER);
        long[] last = t.last();
        double total = 0;
        for (long n : last) {
            total += n;
        }
        // timeline of the latest invoke
        double x = 10;
        double span = w - 20;
        gc.setFill(Color.GRAY);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.fillText(String.format(Locale.ROOT, "Latest invoke: %.1f µs", total / 1000), 10, 10);
        for (int i = 0; i < Math.min(last.length, m.main().operators().size()); i++) {
            double seg = total == 0 ? 0 : span * last[i] / total;
            var op = m.main().operator(i);
            gc.setFill(NodeColors.family(op.opName(), op.code().isCustom()).color());
            gc.fillRect(x, 20, Math.max(0.5, seg), 22);
            x += seg;
        }
        if (hasBoardOrDevice()) {
            drawShares(gc, w, h, m);
        } else {
            drawMedians(gc, w, h, m);
        }
    }

    private boolean hasBoardOrDevice() {
        return rows.stream().anyMatch(r -> !Double.isNaN(r.boardMedian()) || !Double.isNaN(r.deviceUs()));
    }

    /**
     * One column per op in execution order: the steady median, a whisker up to p95 (clipped: on a busy machine a
     * p95 can be many medians, and scaling to it would flatten every bar).
     */
    private void drawMedians(GraphicsContext gc, double w, double h, Model m) {
        double max = 0;
        for (ProfileRow r : rows) {
            max = Math.max(max, Double.isNaN(r.medianUs()) ? 0 : r.medianUs() * 1.25);
        }
        double top = 62;
        double bottom = h - 16;
        double colW = (w - 20) / rows.size();
        gc.setFill(Color.GRAY);
        gc.fillText(String.format(Locale.ROOT, "Steady median per op (whisker: p95), scale to %.1f µs", max),
                10, 52);
        for (ProfileRow r : rows) {
            if (max == 0 || Double.isNaN(r.medianUs())) {
                continue;
            }
            double x0 = 10 + r.op() * colW;
            var op = m.main().operator(r.op());
            double y = bottom - (bottom - top) * r.medianUs() / max;
            gc.setFill(NodeColors.family(op.opName(), op.code().isCustom()).color());
            gc.fillRect(x0 + colW * 0.1, y, Math.max(1, colW * 0.8), bottom - y);
            double yp = Math.max(top, bottom - (bottom - top) * r.p95Us() / max);
            gc.setStroke(Color.GRAY);
            gc.setLineWidth(1);
            gc.strokeLine(x0 + colW / 2, y, x0 + colW / 2, yp);
            opLabel(gc, r.op(), x0, colW, bottom);
        }
    }

    /**
     * The local runtime, the board and the device estimate side by side: each op's share of its source's whole
     * invoke. A board is often a thousand times slower than the host, so one time axis would flatten the local
     * bars; shares show where each spends its time. The table has the times.
     */
    private void drawShares(GraphicsContext gc, double w, double h, Model m) {
        double local = total(ProfileRow::medianUs);
        double board = total(ProfileRow::boardMedian);
        double device = total(ProfileRow::deviceUs);
        double max = 0;
        for (ProfileRow r : rows) {
            max = Math.max(max, Math.max(share(r.medianUs(), local),
                    Math.max(share(r.boardMedian(), board), share(r.deviceUs(), device))));
        }
        if (max == 0) {
            return;
        }
        max *= 1.1;
        double top = 62;
        double bottom = h - 16;
        double colW = (w - 20) / rows.size();
        gc.setFill(Color.GRAY);
        gc.fillText(String.format(Locale.ROOT, "Share of each source's invoke time per op, scale to %.1f %%:",
                max), 10, 52);
        double keyX = 330;
        keyX = key(gc, keyX, Color.GRAY, "local runtime (op colour)");
        if (board > 0) {
            keyX = key(gc, keyX, BOARD, "board median");
        }
        if (device > 0) {
            key(gc, keyX, DEVICE, "device estimate");
        }
        int series = 1 + (board > 0 ? 1 : 0) + (device > 0 ? 1 : 0);
        double barW = Math.max(1, colW * 0.8 / series);
        for (ProfileRow r : rows) {
            double x = 10 + r.op() * colW + colW * 0.1;
            var op = m.main().operator(r.op());
            x = bar(gc, x, barW, share(r.medianUs(), local) / max, top, bottom,
                    NodeColors.family(op.opName(), op.code().isCustom()).color());
            if (board > 0) {
                x = bar(gc, x, barW, share(r.boardMedian(), board) / max, top, bottom, BOARD);
            }
            if (device > 0) {
                bar(gc, x, barW, share(r.deviceUs(), device) / max, top, bottom, DEVICE);
            }
            opLabel(gc, r.op(), 10 + r.op() * colW, colW, bottom);
        }
    }

    private double total(java.util.function.ToDoubleFunction<ProfileRow> value) {
        return rows.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sum();
    }

    private static double share(double value, double total) {
        return Double.isNaN(value) || total <= 0 ? 0 : 100 * value / total;
    }

    /** Draws one bar of {@code fraction} of the plot's height; returns where the next bar starts. */
    private static double bar(GraphicsContext gc, double x, double width, double fraction, double top, double bottom,
                              Color color) {
        double y = bottom - (bottom - top) * fraction;
        gc.setFill(color);
        gc.fillRect(x, y, width, bottom - y);
        return x + width;
    }

    /** Draws a legend key; returns where the next one starts. */
    private static double key(GraphicsContext gc, double x, Color color, String text) {
        gc.setFill(color);
        gc.fillRect(x, 47, 10, 10);
        gc.setFill(Color.GRAY);
        gc.fillText(text, x + 14, 52);
        return x + 24 + text.length() * 5.6;
    }

    private static void opLabel(GraphicsContext gc, int op, double x0, double colW, double bottom) {
        if (colW >= 16) {
            gc.setFill(Color.GRAY);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.fillText(Integer.toString(op), x0 + colW / 2, bottom + 8);
            gc.setTextAlign(TextAlignment.LEFT);
        }
    }
}
