package dev.tflmstudio.profiler.report;

import dev.tflmstudio.runtime.plan.AllocationCategory;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import java.util.Locale;

/**
 * The plan as one self-contained HTML file: inline CSS and SVG, no scripts, no network. Sections: summary,
 * time x address arena chart (head buffers, tail band), live bytes per time step with the peak, planner
 * comparison, RecordingMicroAllocator categories, board fit, buffer table and the op resolver snippet.
 */
public final class PlanHtml {
    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1180px;
            color:#1d2330;background:#fff;padding:0 16px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2ea;
            padding-bottom:4px}.sub{color:#5b6475;margin-bottom:14px}
            .cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #dde2ea;border-radius:8px;
            padding:8px 14px;min-width:130px}.card b{display:block;font-size:19px}.card span{color:#5b6475;
            font-size:12px}.warn{color:#a15c00}.ok{color:#18794e}.bad{color:#c0262d}
            table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #dde2ea;padding:3px 8px;
            text-align:left}th{background:#f4f6f9}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            pre{background:#f4f6f9;border:1px solid #dde2ea;border-radius:6px;padding:10px;overflow:auto;
            font-size:12.5px}svg text{font:11px system-ui,sans-serif;fill:#1d2330}
            .scroll{max-height:420px;overflow:auto;display:inline-block}
            """;

    private PlanHtml() {
    }

    public static String write(PlanReport r) {
        MemoryPlan plan = r.plan();
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Memory plan: ")
                .append(esc(r.modelName())).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        sb.append("<h1>Memory plan: ").append(esc(r.modelName())).append("</h1>\n<div class=\"sub\">planner <b>")
                .append(esc(plan.planner())).append("</b> &middot; target <b>").append(plan.target().id())
                .append("</b> &middot; kernels <b>").append(plan.kernels().id())
                .append("</b> &middot; ").append(plan.bufferCount()).append(" planned buffers &middot; model ")
                .append(bytes(r.model().sizeBytes())).append("</div>\n");
        sb.append("<div class=\"cards\">");
        card(sb, "arena_used_bytes", r.arena().totalBytes(), r.arena().isExact() ? "" : "estimate");
        card(sb, "head (planned)", plan.headBytes(), "");
        card(sb, "tail (persistent)", r.arena().tailBytes(), r.arena().isExact() ? "" : "estimate");
        card(sb, "lower bound", plan.lowerBoundBytes(), "");
        card(sb, "gap to bound", plan.gapBytes(), plan.gapBytes() == 0 ? "optimal" : "");
        if (r.boardFit() != null) {
            card(sb, "kTensorArenaSize", r.boardFit().recommendedArenaBytes(), "recommended");
        }
        sb.append("</div>\n");
        if (!r.arena().isExact()) {
            sb.append("<p class=\"warn\">The tail is an estimate: the persistent allocations of ")
                    .append(esc(String.join(", ", r.arena().estimatedParts())))
                    .append(" are not confirmed against TFLM.</p>\n");
        }
        sb.append("<h2>Arena over time</h2>\n");
        ArenaChart.arena(sb, r);
        sb.append("<h2>Live bytes per time step</h2>\n");
        ArenaChart.liveBytes(sb, r);
        planners(sb, r);
        categories(sb, r);
        boardFit(sb, r);
        buffers(sb, r);
        sb.append("<h2>Op resolver</h2>\n<pre>").append(esc(r.opResolverCpp())).append("</pre>\n");
        sb.append("<p class=\"sub\">Time t=0 is before op 0 (subgraph inputs); op k runs at t=k+1. Sizes are "
                + "16-byte aligned as TFLM's planner sees them.</p>\n</body></html>\n");
        return sb.toString();
    }

    private static void planners(StringBuilder sb, PlanReport r) {
        sb.append("<h2>Planner comparison</h2>\n<table><tr><th>planner</th><th>head bytes</th>"
                + "<th>gap to lower bound</th><th></th></tr>\n");
        int max = 1;
        for (PlannerComparison p : r.planners()) {
            max = Math.max(max, p.headBytes());
        }
        for (PlannerComparison p : r.planners()) {
            int w = (int) Math.round(300.0 * p.headBytes() / max);
            int lb = (int) Math.round(300.0 * p.lowerBoundBytes() / max);
            sb.append("<tr><td>").append(esc(p.planner())).append("</td><td class=\"n\">").append(fmt(p.headBytes()))
                    .append("</td><td class=\"n\">").append(fmt(p.gapBytes())).append("</td><td>")
                    .append("<svg width=\"310\" height=\"14\"><rect width=\"").append(w)
                    .append("\" height=\"14\" fill=\"").append(p.atLowerBound() ? "#3a9d6e" : "#d08a2e")
                    .append("\"/><line x1=\"").append(lb).append("\" x2=\"").append(lb)
                    .append("\" y1=\"0\" y2=\"14\" stroke=\"#1d2330\" stroke-width=\"2\"/></svg></td></tr>\n");
        }
        sb.append("<tr><td>lower bound</td><td class=\"n\">").append(fmt(r.plan().lowerBoundBytes()))
                .append("</td><td></td><td class=\"sub\">black tick</td></tr></table>\n");
    }

    private static void categories(StringBuilder sb, PlanReport r) {
        sb.append("<h2>RecordingMicroAllocator breakdown (").append(r.arena().target().id())
                .append(")</h2>\n<table><tr><th>category</th><th>used</th><th>requested</th><th>count</th></tr>\n");
        for (AllocationCategory c : r.arena().categories()) {
            sb.append("<tr><td>").append(esc(c.name())).append("</td><td class=\"n\">").append(fmt(c.usedBytes()))
                    .append("</td><td class=\"n\">").append(fmt(c.requestedBytes())).append("</td><td class=\"n\">")
                    .append(c.count()).append("</td></tr>\n");
        }
        sb.append("</table>\n<pre>").append(esc(String.join("\n", r.arena().logLines()))).append("</pre>\n");
        r.arena().resourceVariables().ifPresent(v -> sb.append("<h2>Resource variables</h2>\n<p>")
                .append(esc(v.summary())).append(". Variables: ").append(esc(String.join(", ", v.names())))
                .append(".</p>\n"));
    }

    private static void boardFit(StringBuilder sb, PlanReport r) {
        BoardFit f = r.boardFit();
        sb.append("<h2>Board fit</h2>\n");
        if (f == null) {
            sb.append("<p class=\"sub\">No board chosen (on the command line: --device ID; in the app: the Board window&#39;s device profile).</p>\n");
            return;
        }
        sb.append("<p><b>").append(esc(f.deviceName())).append("</b> (").append(esc(f.deviceId())).append(")</p>\n")
                .append("<table>");
        fitRow(sb, "recommended kTensorArenaSize", bytes(f.recommendedArenaBytes()), "");
        fitRow(sb, "arena_used_bytes", bytes(f.arenaUsedBytes()), "");
        fitRow(sb, "planning peak in AllocateTensors", bytes(f.planningPeakBytes()), "");
        fitRow(sb, "headroom", bytes(f.headroomBytes()), f.headroomRule());
        fitRow(sb, "largest SRAM region", bytes(f.largestSramBytes()), "");
        fitRow(sb, "fits SRAM", f.fitsSram() ? "<span class=\"ok\">yes</span>" : "<span class=\"bad\">no</span>",
                bytes(f.sramLeftBytes()) + " left");
        fitRow(sb, "model in flash", bytes(f.modelBytes()), "");
        fitRow(sb, "TFLM runtime code", bytes(f.runtimeCodeBytes()), "estimate");
        fitRow(sb, "fits flash", f.fitsFlash() ? "<span class=\"ok\">yes</span>" : "<span class=\"bad\">no</span>",
                bytes(f.flashLeftBytes()) + " of " + bytes(f.flashBytes()) + " left");
        sb.append("</table>\n");
    }

    private static void fitRow(StringBuilder sb, String name, String value, String note) {
        sb.append("<tr><td>").append(esc(name)).append("</td><td class=\"n\">").append(value).append("</td><td>")
                .append(esc(note)).append("</td></tr>\n");
    }

    private static void buffers(StringBuilder sb, PlanReport r) {
        sb.append("<h2>Buffers</h2>\n<div class=\"scroll\"><table><tr><th>id</th><th>kind</th><th>buffer</th>"
                + "<th>size</th><th>raw</th><th>first</th><th>last</th><th>offset</th></tr>\n");
        for (PlannedBuffer b : r.plan().buffers()) {
            sb.append("<tr><td class=\"n\">").append(b.id()).append("</td><td>")
                    .append(b.kind().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(esc(r.labelOf(b)))
                    .append("</td><td class=\"n\">").append(fmt(b.size())).append("</td><td class=\"n\">")
                    .append(fmt(b.rawBytes())).append("</td><td class=\"n\">").append(b.firstUse())
                    .append("</td><td class=\"n\">").append(b.lastUse()).append("</td><td class=\"n\">")
                    .append(fmt(b.offset())).append("</td></tr>\n");
        }
        sb.append("</table></div>\n");
    }

    private static void card(StringBuilder sb, String name, long value, String note) {
        sb.append("<div class=\"card\"><span>").append(esc(name)).append("</span><b>").append(fmt(value))
                .append(" B</b><span>").append(esc(note)).append("</span></div>");
    }

    static String fmt(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String bytes(long v) {
        return fmt(v) + " B";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
