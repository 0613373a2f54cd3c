package dev.tflmstudio.app.tensors;

import dev.tflmstudio.app.workspace.CanvasChart;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * Where the board's value differs from the local one: grey where equal, red where different (stronger the larger
 * the difference, against the largest one). One pixel per position of height × width, the largest difference over
 * its channels (NHWC); a 2-D tensor is rows × columns, a 1-D one wraps into a square. Scaled up without smoothing.
 */
final class DifferenceMap extends CanvasChart {
    private static final Color SAME = Color.web("#DADCE0");
    private WritableImage image;

    DifferenceMap() {
        setId("boardDiffMap");
        setMinSize(60, 60);
    }

    /** Shows the differences of {@code board} from {@code local} (same tensor), or nothing when either is null. */
    void setValues(TensorSnapshot local, TensorSnapshot board) {
        image = null;
        if (local != null && board != null && local.elementCount() == board.elementCount()
                && local.elementCount() > 0) {
            int n = local.elementCount();
            int[] dims = Arrays.stream(local.tensor().shape().toArray()).filter(d -> d != 1).toArray();
            // Height × width with channels innermost (NHWC): one pixel per position, its largest channel difference.
            int channels = dims.length >= 3 ? dims[dims.length - 1] : 1;
            int cols = dims.length >= 3 ? dims[dims.length - 2] : dims.length == 2 ? dims[1]
                    : (int) Math.ceil(Math.sqrt(n));
            int rows = (n / channels + cols - 1) / cols;
            double[] diff = new double[rows * cols];
            boolean[] bytesOnly = new boolean[rows * cols];
            double max = 0;
            for (int i = 0; i < n; i++) {
                double a = local.value(i);
                double b = board.value(i);
                double d = a == b || Double.isNaN(a) && Double.isNaN(b) ? 0
                        : Double.isNaN(a - b) ? Double.POSITIVE_INFINITY : Math.abs(a - b);
                int p = i / channels;
                diff[p] = Math.max(diff[p], d);
                // A difference in bytes that dequantize alike (e.g. -0 and 0) still shows, faintly.
                bytesOnly[p] |= d == 0 && differs(local, board, i);
                if (Double.isFinite(d)) {
                    max = Math.max(max, d);
                }
            }
            image = new WritableImage(cols, rows);
            PixelWriter px = image.getPixelWriter();
            for (int p = 0; p < rows * cols; p++) {
                double d = diff[p];
                Color c = d == 0 && !bytesOnly[p] ? SAME
                        : Color.hsb(4, 0.35 + 0.65 * (Double.isFinite(d) && max > 0 ? d / max : 1), 0.85);
                px.setColor(p % cols, p / cols, c);
            }
        }
        redraw();
    }

    private static boolean differs(TensorSnapshot a, TensorSnapshot b, int i) {
        int size = Math.max(1, a.raw().length / a.elementCount());
        return !Arrays.equals(a.raw(), i * size, (i + 1) * size, b.raw(), i * size, (i + 1) * size);
    }

    /** True when a map is drawn (what tests check). */
    boolean hasImage() {
        return image != null;
    }

    @Override
    protected void paint(GraphicsContext gc, double w, double h) {
        if (image == null) {
            return;
        }
        double s = Math.min(w / image.getWidth(), h / image.getHeight());
        gc.setImageSmoothing(false);
        gc.drawImage(image, 0, 0, image.getWidth() * s, image.getHeight() * s);
    }
}
