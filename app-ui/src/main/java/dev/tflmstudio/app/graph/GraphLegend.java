package dev.tflmstudio.app.graph;

import java.util.Collection;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;

/** The key to the node colours, floating over the graph's top-left corner. */
final class GraphLegend extends VBox {
    GraphLegend() {
        super(3);
        setId("graphLegend");
        getStyleClass().add("graph-legend");
        setPadding(new Insets(6, 8, 6, 8));
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setMouseTransparent(true);
    }

    void showFamilies(Collection<NodeColors.Family> families) {
        getChildren().clear();
        getChildren().add(title("Op type"));
        for (NodeColors.Family f : families) {
            Rectangle swatch = new Rectangle(12, 12, f.color());
            swatch.setArcWidth(3);
            swatch.setArcHeight(3);
            getChildren().add(new HBox(6, swatch, new Label(f.name())));
        }
    }

    void showHeat(ColorMode mode, double min, double max, boolean available) {
        getChildren().clear();
        getChildren().add(title(mode.toString().replace("Heat: ", "")));
        if (!available) {
            Label l = new Label(unavailableText(mode));
            l.setWrapText(true);
            l.setMaxWidth(200);
            getChildren().add(l);
            return;
        }
        Stop[] stops = new Stop[5];
        for (int i = 0; i < stops.length; i++) {
            stops[i] = new Stop(i / 4.0, NodeColors.heat(i / 4.0));
        }
        Rectangle bar = new Rectangle(160, 12, new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
        getChildren().add(bar);
        HBox ends = new HBox(new Label(format(min, mode)), spacer(), new Label(format(max, mode)));
        ends.setPrefWidth(160);
        getChildren().add(ends);
        Rectangle none = new Rectangle(12, 12, Color.web("#BDBDBD"));
        getChildren().add(new HBox(6, none, new Label("no data")));
    }

    private static String unavailableText(ColorMode mode) {
        return switch (mode) {
            case LIVE_BYTES -> "No memory plan yet.";
            case MACS -> "No cost model results yet.";
            default -> "No profile yet: run the model to measure latencies.";
        };
    }

    private static javafx.scene.layout.Region spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, javafx.scene.layout.Priority.ALWAYS);
        return r;
    }

    private static Label title(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("legend-title");
        return l;
    }

    static String format(double v, ColorMode mode) {
        if (mode == ColorMode.SHARE) {
            return String.format(Locale.ROOT, "%.1f %%", v);
        }
        if (Math.abs(v) >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM %s", v / 1e6, mode.unit());
        }
        if (Math.abs(v) >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk %s", v / 1e3, mode.unit());
        }
        return String.format(Locale.ROOT, "%,.0f %s", v, mode.unit());
    }
}
