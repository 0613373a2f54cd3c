package dev.tflmstudio.app.tensors;

import dev.tflmstudio.app.workspace.CanvasChart;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** A histogram of a tensor's real values between their min and max. */
final class HistogramCanvas extends CanvasChart {
    private int[] counts;
    private TensorSnapshot.Stats stats;

    HistogramCanvas() {
        setId("tensorHistogram");
    }

    void setData(int[] c, TensorSnapshot.Stats s) {
        counts = c;
        stats = s;
        redraw();
    }

    @Override
    protected void paint(GraphicsContext gc, double w, double h) {
        if (counts == null || counts.length == 0) {
            return;
        }
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        double left = 40;
        double bottom = h - 22;
        double bw = (w - left - 10) / counts.length;
        gc.setFill(Color.web("#4C78A8"));
        for (int i = 0; i < counts.length; i++) {
            double bh = (bottom - 10) * counts[i] / max;
            gc.fillRect(left + i * bw + 1, bottom - bh, Math.max(1, bw - 2), bh);
        }
        gc.setFill(Color.GRAY);
        gc.setFont(Font.font(10));
        gc.setTextBaseline(VPos.TOP);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.fillText(TensorExport.realText(stats.min()), left, bottom + 4);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText(TensorExport.realText(stats.max()), w - 10, bottom + 4);
        gc.fillText(Integer.toString(max), left - 4, 6);
    }
}
