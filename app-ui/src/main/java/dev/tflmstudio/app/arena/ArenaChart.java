package dev.tflmstudio.app.arena;

import dev.tflmstudio.app.workspace.CanvasChart;
import dev.tflmstudio.runtime.plan.BufferKind;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * The arena as a picture: time steps across, arena addresses up, one rectangle per planned buffer; under it the
 * live-bytes curve with its peak and the lower bound; a cursor at the current step. Hover a buffer for details,
 * click it to select its tensor (or the op that asked for a scratch buffer).
 */
final class ArenaChart extends CanvasChart {
    private static final double LEFT = 70;
    private static final double RIGHT = 16;
    private static final double TOP = 12;
    private static final double CURVE = 90;
    private static final double GAP = 28;
    private static final double BOTTOM = 36;
    private static final Font FONT = Font.font("System", 10);
    static final String BOARD_COLOR = "#00897B";

    private final Tooltip tip = new Tooltip();
    private MemoryPlan plan;
    private int cursorTime = -1;
    private long measuredHead = -1;
    private int selectedTensor = -1;
    private BoardBytes boardBytes = BoardBytes.NONE;
    private boolean dark;
    private Consumer<PlannedBuffer> onClick = b -> { };
    private java.util.function.Function<PlannedBuffer, String> describe = b -> "";

    ArenaChart() {
        setId("arenaChart");
        tip.setShowDelay(Duration.millis(150));
        Tooltip.install(this, tip);
        setOnMouseMoved(this::hover);
        setOnMouseClicked(e -> {
            PlannedBuffer b = bufferAt(e.getX(), e.getY());
            if (b != null) {
                onClick.accept(b);
            }
        });
        setMinSize(200, 200);
    }

    void setPlan(MemoryPlan p) {
        plan = p;
        redraw();
    }

    void setCursor(int time) {
        cursorTime = time;
        redraw();
    }

    void setSelectedTensor(int tensor) {
        selectedTensor = tensor;
        redraw();
    }

    /** The head the attached board measured, marked across the chart; -1 for none. */
    void setMeasuredHead(long bytes) {
        measuredHead = bytes;
        redraw();
    }

    /** The attached board's arena: its address on the axis, and the bytes that differ from the local runtime's. */
    void setBoardBytes(BoardBytes b) {
        boardBytes = b;
        redraw();
    }

    long measuredHead() {
        return measuredHead;
    }

    void setDark(boolean d) {
        dark = d;
        redraw();
    }

    void setOnBufferClicked(Consumer<PlannedBuffer> c) {
        onClick = c;
    }

    void setDescriber(java.util.function.Function<PlannedBuffer, String> d) {
        describe = d;
    }

    int cursorTime() {
        return cursorTime;
    }

    private int steps() {
        return plan == null ? 0 : Math.max(1, plan.liveBytes().size());
    }

    private double chartHeight() {
        return Math.max(40, getHeight() - TOP - CURVE - GAP - BOTTOM);
    }

    private double xOf(double time) {
        return LEFT + time * (getWidth() - LEFT - RIGHT) / steps();
    }

    /** The highest address drawn: the plan's head, or the board's if it used more. */
    private double scaleTop() {
        return Math.max(1, Math.max(plan.headBytes(), measuredHead));
    }

    private double yOf(double address) {
        double head = scaleTop();
        return TOP + chartHeight() - address * chartHeight() / head;
    }

    private PlannedBuffer bufferAt(double x, double y) {
        if (plan == null) {
            return null;
        }
        for (PlannedBuffer b : plan.buffers()) {
            if (b.firstUse() < 0 || b.size() == 0) {
                continue;
            }
            if (x >= xOf(b.firstUse()) && x <= xOf(b.lastUse() + 1) && y <= yOf(b.offset()) && y >= yOf(b.end())) {
                return b;
            }
        }
        return null;
    }

    private void hover(MouseEvent e) {
        PlannedBuffer b = bufferAt(e.getX(), e.getY());
        tip.setText(b == null ? "" : describe.apply(b));
        if (b == null) {
            tip.hide();
        }
    }

    private Color fill(PlannedBuffer b) {
        if (b.kind() == BufferKind.SCRATCH) {
            return Color.web("#F58518");
        }
        return b.isOffline() ? Color.web("#B279A2") : Color.web("#4C78A8");
    }

    @Override
    protected void paint(GraphicsContext gc, double w, double h) {
        Color bg = dark ? Color.web("#1E1F22") : Color.web("#FAFAFA");
        Color ink = dark ? Color.web("#DFE1E5") : Color.web("#202124");
        Color grid = dark ? Color.web("#3C3F41") : Color.web("#E0E0E0");
        gc.setFill(bg);
        gc.fillRect(0, 0, w, h);
        if (plan == null) {
            gc.setFill(ink);
            gc.setFont(FONT);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.fillText("No memory plan yet", w / 2, h / 2);
            return;
        }
        gc.setFont(FONT);
        gc.setTextBaseline(VPos.CENTER);
        // address axis
        gc.setTextAlign(TextAlignment.RIGHT);
        for (int i = 0; i <= 4; i++) {
            double addr = scaleTop() * i / 4.0;
            double y = yOf(addr);
            gc.setStroke(grid);
            gc.strokeLine(LEFT, y, w - RIGHT, y);
            gc.setFill(ink);
            gc.fillText(String.format(Locale.ROOT, "%,d", Math.round(addr)), LEFT - 6, y);
        }
        // buffers
        for (PlannedBuffer b : plan.buffers()) {
            if (b.firstUse() < 0 || b.size() == 0) {
                continue;
            }
            double x0 = xOf(b.firstUse());
            double x1 = xOf(b.lastUse() + 1);
            double y0 = yOf(b.end());
            double y1 = yOf(b.offset());
            gc.setFill(fill(b));
            gc.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
            gc.setStroke(bg);
            gc.setLineWidth(0.6);
            gc.strokeRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
            if (b.kind() == BufferKind.TENSOR && b.tensor() == selectedTensor && b.subgraph() == 0) {
                gc.setStroke(dark ? Color.web("#4FA3FF") : Color.web("#1A73E8"));
                gc.setLineWidth(3);
                gc.strokeRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
            }
        }
        boardBytes.draw(gc, plan, this::xOf, this::yOf, LEFT);
        drawCurve(gc, ink, grid);
        drawMeasuredHead(gc, w);
        drawCursor(gc, h);
        // time axis
        gc.setFill(ink);
        gc.setTextAlign(TextAlignment.CENTER);
        int steps = steps();
        int every = Math.max(1, (int) Math.ceil(steps / ((w - LEFT - RIGHT) / 36)));
        for (int t = 0; t < steps; t += every) {
            gc.fillText(Integer.toString(t), xOf(t + 0.5), h - BOTTOM + 10);
        }
        gc.setTextAlign(TextAlignment.LEFT);
        gc.fillText("time step (op i runs at step i+1)", LEFT, h - 8);
    }

    private void drawCurve(GraphicsContext gc, Color ink, Color grid) {
        List<Integer> live = plan.liveBytes();
        double top = TOP + chartHeight() + GAP;
        double max = Math.max(1, plan.headBytes());
        double bottom = top + CURVE;
        gc.setStroke(grid);
        gc.setLineWidth(1);
        gc.strokeLine(LEFT, bottom, getWidth() - RIGHT, bottom);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setFill(ink);
        gc.fillText("live bytes", LEFT - 6, top + CURVE / 2);
        double lb = bottom - plan.lowerBoundBytes() * CURVE / max;
        gc.setStroke(Color.web("#D93025"));
        gc.setLineDashes(4, 4);
        gc.strokeLine(LEFT, lb, getWidth() - RIGHT, lb);
        double head = bottom - CURVE;
        gc.setStroke(ink);
        gc.strokeLine(LEFT, head, getWidth() - RIGHT, head);
        gc.setLineDashes();
        gc.setFill(Color.web("#4C78A8", 0.35));
        gc.setStroke(Color.web("#4C78A8"));
        gc.setLineWidth(1.5);
        gc.beginPath();
        gc.moveTo(xOf(0), bottom);
        for (int t = 0; t < live.size(); t++) {
            double y = bottom - live.get(t) * CURVE / max;
            gc.lineTo(xOf(t), y);
            gc.lineTo(xOf(t + 1), y);
        }
        gc.lineTo(xOf(live.size()), bottom);
        gc.closePath();
        gc.fill();
        gc.stroke();
        if (plan.peakTime() >= 0) {
            double px = xOf(plan.peakTime() + 0.5);
            gc.setFill(Color.web("#D93025"));
            gc.fillOval(px - 4, lb - 4, 8, 8);
            gc.setTextAlign(TextAlignment.LEFT);
            gc.fillText(String.format(Locale.ROOT, "peak %,d B at step %d", plan.peakBytes(), plan.peakTime()),
                    Math.min(px + 8, getWidth() - 170), lb - 9);
        }
        gc.setFill(ink);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText(String.format(Locale.ROOT, "head %,d B", plan.headBytes()), getWidth() - RIGHT, head - 8);
    }

    private void drawMeasuredHead(GraphicsContext gc, double w) {
        if (measuredHead < 0) {
            return;
        }
        double y = yOf(measuredHead);
        gc.setStroke(Color.web(BOARD_COLOR));
        gc.setLineWidth(2);
        gc.setLineDashes(8, 4);
        gc.strokeLine(LEFT, y, w - RIGHT, y);
        gc.setLineDashes();
        gc.setFill(Color.web(BOARD_COLOR));
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText(String.format(Locale.ROOT, "board head %,d B", measuredHead), w - RIGHT - 4,
                y > 20 ? y - 7 : y + 8);
    }

    private void drawCursor(GraphicsContext gc, double h) {
        if (cursorTime < 0 || cursorTime >= steps()) {
            return;
        }
        double x0 = xOf(cursorTime);
        double x1 = xOf(cursorTime + 1);
        gc.setFill(Color.web("#00A86B", 0.18));
        gc.fillRect(x0, TOP, x1 - x0, h - TOP - BOTTOM);
        gc.setStroke(Color.web("#00A86B"));
        gc.setLineWidth(2);
        gc.strokeLine((x0 + x1) / 2, TOP, (x0 + x1) / 2, h - BOTTOM);
    }
}
