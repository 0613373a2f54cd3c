package dev.tflmstudio.profiler.report;

import dev.tflmstudio.runtime.plan.BufferKind;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import java.util.List;
import java.util.Locale;

/** The two inline SVG charts of the HTML report. */
final class ArenaChart {
    private static final int WIDTH = 1100;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
        "#e15759", "#9c755f", "#86bcb6", "#d37295", "#8cd17d", "#a0cbe8"};

    private ArenaChart() {
    }

    /**
     * Time on x, arena address on y (0 at the bottom). Head buffers as boxes over their lifetime; the tail as a
     * band on top of the head (it is the rest of the used arena, at the highest addresses).
     */
    static void arena(StringBuilder sb, PlanReport r) {
        MemoryPlan plan = r.plan();
        int steps = Math.max(1, plan.liveBytes().size());
        long head = plan.headBytes();
        long tail = r.arena().tailBytes();
        long total = Math.max(1, head + tail);
        int height = 440;
        int top = 16;
        int bottom = 36;
        int plotH = height - top - bottom;
        double colW = (WIDTH - LEFT - RIGHT) / (double) steps;
        sb.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">%n", WIDTH, height, WIDTH, height));
        sb.append("<defs><pattern id=\"hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
                + "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#eef0f4\"/>"
                + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#b8bfcc\" stroke-width=\"3\"/></pattern></defs>\n");
        double yHead = y(head, total, top, plotH);
        double yTail = y(total, total, top, plotH);
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
                        + "fill=\"url(#hatch)\" stroke=\"#8a93a3\"><title>tail (persistent): %,d B</title></rect>%n",
                LEFT, yTail, WIDTH - LEFT - RIGHT, yHead - yTail, tail));
        if (yHead - yTail > 14) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\">tail (persistent) %,d B%s</text>%n",
                    LEFT + 8, (yHead + yTail) / 2 + 4, tail, r.arena().isExact() ? "" : " (estimate)"));
        }
        for (PlannedBuffer b : plan.buffers()) {
            if (b.size() == 0 || b.lastUse() < 0) {
                continue;
            }
            int first = Math.max(0, b.firstUse());
            double x = LEFT + first * colW;
            double w = Math.max(1.5, (b.lastUse() - first + 1) * colW - 1);
            double y1 = y(b.offset() + b.size(), total, top, plotH);
            double y0 = y(b.offset(), total, top, plotH);
            String fill = b.kind() == BufferKind.SCRATCH ? "#c9ced8" : PALETTE[b.id() % PALETTE.length];
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                            + "fill=\"%s\" fill-opacity=\"0.85\" stroke=\"#fff\" stroke-width=\"0.6\"><title>%s&#10;"
                            + "%,d B at offset %,d, t=%d..%d</title></rect>%n",
                    x, y1, w, Math.max(0.8, y0 - y1), fill, PlanHtml.esc(r.labelOf(b)), b.size(), b.offset(),
                    b.firstUse(), b.lastUse()));
        }
        line(sb, LEFT, yHead, WIDTH - RIGHT, yHead, "#1d2330", "4 3");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">head %,d</text>%n",
                LEFT - 4, yHead + 4, head));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,d</text>%n",
                LEFT - 4, yTail + 10, total));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n",
                LEFT - 4, top + plotH));
        timeAxis(sb, steps, colW, top + plotH);
        sb.append("</svg>\n");
    }

    /** Live bytes per time step as steps, the lower bound and each planner's head as lines, the peak marked. */
    static void liveBytes(StringBuilder sb, PlanReport r) {
        MemoryPlan plan = r.plan();
        List<Integer> live = plan.liveBytes();
        int steps = Math.max(1, live.size());
        long max = 1;
        for (PlannerComparison p : r.planners()) {
            max = Math.max(max, p.headBytes());
        }
        max = Math.max(max, plan.lowerBoundBytes());
        max = BoardFits.roundUp(max + max / 10, 1024);
        int height = 260;
        int top = 14;
        int plotH = height - top - 36;
        double colW = (WIDTH - LEFT - RIGHT) / (double) steps;
        sb.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">%n", WIDTH, height, WIDTH, height));
        StringBuilder points = new StringBuilder();
        for (int t = 0; t < live.size(); t++) {
            double yv = y(live.get(t), max, top, plotH);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f ", LEFT + t * colW, yv,
                    LEFT + (t + 1) * colW, yv));
        }
        sb.append(String.format(Locale.ROOT, "<polygon points=\"%.1f,%d %s%.1f,%d\" fill=\"#4e79a7\" "
                + "fill-opacity=\"0.25\" stroke=\"#4e79a7\" stroke-width=\"1.5\"/>%n",
                (double) LEFT, top + plotH, points, LEFT + live.size() * colW, top + plotH));
        String[] colors = {"#c0262d", "#18794e"};
        int i = 0;
        for (PlannerComparison p : r.planners()) {
            double yp = y(p.headBytes(), max, top, plotH);
            String color = colors[i++ % colors.length];
            line(sb, LEFT, yp, WIDTH - RIGHT, yp, color, "6 3");
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\" "
                    + "style=\"fill:%s\">%s head %,d</text>%n", WIDTH - RIGHT - 4, yp - 4 - 12 * (i - 1), color,
                    color, PlanHtml.esc(p.planner()), p.headBytes()));
        }
        if (plan.peakTime() >= 0) {
            double px = LEFT + (plan.peakTime() + 0.5) * colW;
            double py = y(plan.peakBytes(), max, top, plotH);
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#1d2330\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\">peak %,d B at t=%d (lower bound)</text>%n", px, py,
                    px + 8, py - 6, plan.peakBytes(), plan.peakTime()));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%,d</text>%n",
                LEFT - 4, top + 10, max));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n",
                LEFT - 4, top + plotH));
        timeAxis(sb, steps, colW, top + plotH);
        sb.append("</svg>\n");
    }

    private static void timeAxis(StringBuilder sb, int steps, double colW, int yAxis) {
        line(sb, LEFT, yAxis, WIDTH - RIGHT, yAxis, "#1d2330", null);
        int every = Math.max(1, (int) Math.ceil(steps / 25.0));
        for (int t = 0; t < steps; t += every) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    LEFT + (t + 0.5) * colW, yAxis + 14, t));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time step "
                + "(t=0 inputs, op k at t=k+1)</text>%n", (WIDTH + LEFT) / 2, yAxis + 30));
    }

    private static void line(StringBuilder sb, double x1, double y1, double x2, double y2, String color,
                             String dash) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"%s\"%s/>%n", x1, y1, x2, y2, color,
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
    }

    private static double y(long value, long max, int top, int plotH) {
        return top + plotH - plotH * (double) value / max;
    }
}
