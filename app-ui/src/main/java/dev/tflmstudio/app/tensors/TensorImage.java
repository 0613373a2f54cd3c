package dev.tflmstudio.app.tensors;

import dev.tflmstudio.app.graph.NodeColors;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/**
 * A heat-map picture of 2-D and 3-D data (after dropping leading 1s): rows × columns, one channel at a time for
 * 3-D (height × width × channels, as NHWC stores it), with a colour scale from the channel's min to its max.
 *
 * <p>Each value is drawn as a flat square block of whole pixels, in an image made at the size it is shown: an
 * ImageView scaling a one-pixel-per-value image smoothed a 3x3 map into gradients on some pipelines, even with
 * smoothing off.
 */
final class TensorImage extends Region {
    /** No bigger picture than this many pixels is made (a 2,000 x 2,000 map is drawn one pixel per value). */
    private static final long MAX_PIXELS = 4_000_000;
    private final ImageView view = new ImageView();
    private final Label minLabel = new Label();
    private final Label maxLabel = new Label();
    private final HBox legend;
    private TensorSnapshot snapshot;
    private int channel;
    private int rows;
    private int cols;
    private int channels;
    private double[] values;
    private double min;
    private double max;
    private int drawnScale;

    TensorImage() {
        setId("tensorImage");
        view.setSmooth(false);
        view.setManaged(false); // the picture is made to fit the pane, so it must not decide the pane's size
        getChildren().add(view);
        minLabel.setId("tensorImageMin");
        maxLabel.setId("tensorImageMax");
        minLabel.setMinWidth(USE_PREF_SIZE); // the numbers in full, never "1.500..."
        maxLabel.setMinWidth(USE_PREF_SIZE);
        // The ramp gives way to the numbers when the pane is narrow.
        Region ramp = new Region();
        ramp.setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(gradient(),
                null, null)));
        ramp.setPrefSize(160, 12);
        ramp.setMinSize(24, 12);
        ramp.setMaxHeight(12);
        legend = new HBox(6, minLabel, ramp, maxLabel);
        legend.setId("tensorImageLegend");
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setStyle("-fx-padding: 4 8 4 8;");
    }

    /** The colour scale under the picture: the ramp with the values its ends stand for. */
    HBox legend() {
        return legend;
    }

    int channelCount() {
        return channels;
    }

    void setChannel(int c) {
        channel = c;
        compute();
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
        compute();
    }

    /** The values of the shown channel and their range; the picture is drawn at the next layout. */
    private void compute() {
        drawnScale = 0;
        if (snapshot == null || rows == 0 || (long) rows * cols > MAX_PIXELS) {
            values = null;
            view.setImage(null);
            legend.setVisible(false);
            return;
        }
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            double x = snapshot.value(i * channels + channel);
            values[i] = x;
            if (!Double.isNaN(x)) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        boolean any = min <= max;
        minLabel.setText(any ? TensorExport.realText(min) : "no values");
        maxLabel.setText(any ? TensorExport.realText(max) : "");
        legend.setVisible(true);
        requestLayout();
    }

    /** Pixels per value at the current size: whole pixels, at least 1, the picture fitting the pane. */
    int scale() {
        double fit = Math.min((getWidth() - 16) / cols, (getHeight() - 16) / rows);
        int s = (int) Math.max(1, Math.floor(fit));
        while (s > 1 && (long) rows * cols * s * s > MAX_PIXELS) {
            s--;
        }
        return s;
    }

    @Override
    protected void layoutChildren() {
        if (values == null) {
            return;
        }
        int s = scale();
        if (s != drawnScale) {
            view.setImage(draw(s));
            drawnScale = s;
        }
        view.relocate(Math.floor((getWidth() - cols * s) / 2), Math.floor((getHeight() - rows * s) / 2));
    }

    private WritableImage draw(int s) {
        int w = cols * s;
        int[] argb = new int[w * rows * s];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = values[r * cols + c];
                int color = toArgb(NodeColors.heat(max > min ? (x - min) / (max - min) : 0.5));
                for (int dy = 0; dy < s; dy++) {
                    int from = (r * s + dy) * w + c * s;
                    java.util.Arrays.fill(argb, from, from + s, color);
                }
            }
        }
        WritableImage img = new WritableImage(w, rows * s);
        img.getPixelWriter().setPixels(0, 0, w, rows * s, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return img;
    }

    private static int toArgb(Color c) {
        return 0xff000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }

    private static LinearGradient gradient() {
        Stop[] stops = new Stop[11];
        for (int i = 0; i < stops.length; i++) {
            double f = i / (stops.length - 1.0);
            stops[i] = new Stop(f, NodeColors.heat(f));
        }
        return new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops);
    }
}
