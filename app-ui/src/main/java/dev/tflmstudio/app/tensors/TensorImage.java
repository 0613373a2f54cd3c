package dev.tflmstudio.app.tensors;

import dev.tflmstudio.app.graph.NodeColors;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;

/**
 * A heat-map picture of 2-D and 3-D data (after dropping leading 1s): rows × columns, one channel at a time for
 * 3-D (height × width × channels, as NHWC stores it). Pixels are scaled up without smoothing so values stay sharp.
 */
final class TensorImage extends Region {
    private final ImageView view = new ImageView();
    private TensorSnapshot snapshot;
    private int channel;
    private int rows;
    private int cols;
    private int channels;

    TensorImage() {
        setId("tensorImage");
        view.setSmooth(false);
        view.setPreserveRatio(true);
        getChildren().add(view);
    }

    int channelCount() {
        return channels;
    }

    void setChannel(int c) {
        channel = c;
        render();
    }

    void setSnapshot(TensorSnapshot s) {
        snapshot = s;
        rows = 0;
        cols = 0;
        channels = 0;
        if (s != null) {
            int[] dims = java.util.Arrays.stream(s.tensor().shape().toArray()).filter(d -> d != 1).toArray();
            if (dims.length == 2) {
                rows = dims[0];
                cols = dims[1];
                channels = 1;
            } else if (dims.length == 3) {
                rows = dims[0];
                cols = dims[1];
                channels = dims[2];
            } else if (dims.length == 1 || s.tensor().shape().rank() >= 1 && dims.length == 0) {
                rows = 1;
                cols = Math.max(1, dims.length == 1 ? dims[0] : 1);
                channels = 1;
            }
        }
        channel = Math.min(channel, Math.max(0, channels - 1));
        render();
    }

    private void render() {
        if (snapshot == null || rows == 0 || (long) rows * cols > 4_000_000) {
            view.setImage(null);
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] v = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = snapshot.value((r * cols + c) * channels + channel);
                v[r * cols + c] = x;
                if (!Double.isNaN(x)) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
        }
        WritableImage img = new WritableImage(cols, rows);
        PixelWriter pw = img.getPixelWriter();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = v[r * cols + c];
                pw.setColor(c, r, NodeColors.heat(max > min ? (x - min) / (max - min) : 0.5));
            }
        }
        view.setImage(img);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        if (view.getImage() == null) {
            return;
        }
        double s = Math.max(1, Math.floor(Math.min((getWidth() - 16) / cols, (getHeight() - 16) / rows)));
        view.setFitWidth(cols * s);
        view.setFitHeight(rows * s);
        view.relocate((getWidth() - cols * s) / 2, (getHeight() - rows * s) / 2);
    }
}
