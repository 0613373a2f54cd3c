package dev.tflmstudio.app.board;

import dev.tflmstudio.serial.analysis.ProfiledOp;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The shown session's invocations: the latest one's summary, the invoke time of each as it arrives (the axis counts
 * whole invocations) and the per-op ticks of the latest.
 */
final class InvocationPane extends VBox {
    private final Label summary = new Label();
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();
    private final TableView<ProfiledOp> ops = new TableView<>();
    private final ListChangeListener<SerialSession.InvocationPoint> pointsListener = c -> redraw();
    private SerialSession shown;

    InvocationPane() {
        // Invocations are counted, not measured: ticks only at whole numbers, spaced 1, 2, 5, 10… apart.
        x.setLabel("invocation");
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return v == Math.rint(v) ? Long.toString((long) v) : "";
            }

            @Override
            public Number fromString(String s) {
                return Long.parseLong(s);
            }
        });
        // A short title: the rotated axis title is cut to the chart's height ("invoke tim...").
        y.setLabel("invoke ms");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("boardChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.getData().add(series);
        ops.setId("boardOps");
        ops.getColumns().add(col("#", p -> (Object) p.position()));
        ops.getColumns().add(col("Tag", ProfiledOp::tag));
        ops.getColumns().get(0).setPrefWidth(40);
        ops.getColumns().get(1).setPrefWidth(150); // DEPTHWISE_CONV_2D in full
        ops.getColumns().add(col("Ticks", ProfiledOp::ticks));
        ops.getColumns().add(col("µs", p -> shown == null || shown.clock() == null ? ""
                : String.format(Locale.ROOT, "%.1f", shown.clock().micros(p.ticks()))));
        ops.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        summary.setId("boardSummary");
        VBox.setVgrow(ops, Priority.ALWAYS);
        getChildren().addAll(summary, chart, ops);
    }

    private static <T> TableColumn<ProfiledOp, T> col(String title, Function<ProfiledOp, T> f) {
        TableColumn<ProfiledOp, T> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(f.apply(r.getValue())));
        return c;
    }

    void show(SerialSession session) {
        if (shown != null) {
            shown.latency().removeListener(pointsListener);
        }
        shown = session;
        summary.textProperty().bind(session.summaryProperty());
        ops.setItems(session.ops());
        session.latency().addListener(pointsListener);
        redraw();
    }

    private void redraw() {
        y.setLabel(shown.clock() == null ? "invoke ticks" : "invoke ms");
        List<SerialSession.InvocationPoint> points = shown.latency();
        series.getData().setAll(points.stream()
                .map(p -> new XYChart.Data<Number, Number>(p.invocation(), p.total())).toList());
        long first = points.isEmpty() ? 1 : points.get(0).invocation();
        long last = points.isEmpty() ? 1 : points.get(points.size() - 1).invocation();
        long step = wholeStep(Math.max(1, last - first));
        // Ticks fall on multiples of the step (0, 5, 10…, not 1, 6, 11…).
        long lower = step == 1 ? first : first / step * step;
        x.setLowerBound(lower);
        x.setUpperBound(Math.max(last, lower + 1));
        x.setTickUnit(step);
    }

    /** The smallest of 1, 2, 5, 10, 20, 50… that keeps {@code span} to at most ten ticks. */
    static long wholeStep(long span) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (span / (step * m) <= 10) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    /** The axis's tick labels now (what tests check: whole numbers only). */
    List<String> tickLabels() {
        x.layout();
        return x.getTickMarks().stream().map(t -> x.getTickLabelFormatter().toString(t.getValue())).toList();
    }
}
