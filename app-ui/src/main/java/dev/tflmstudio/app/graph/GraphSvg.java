package dev.tflmstudio.app.graph;

import java.util.Locale;
import javafx.scene.paint.Color;

/** Writes a laid-out graph as a standalone SVG document, drawn like the graph window draws it. */
public final class GraphSvg {
    private GraphSvg() {
    }

    public static String write(LaidOutGraph g, Color[] fills, GraphCanvas.Palette p) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\""
                        + " font-family=\"sans-serif\">%n", g.width(), g.height(), g.width(), g.height()));
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                .append(NodeColors.hex(p.edge())).append("\"/></marker></defs>\n");
        sb.append(String.format(Locale.ROOT, "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>%n",
                NodeColors.hex(p.background())));
        for (int i = 0; i < g.routes().size(); i++) {
            double[] r = g.routes().get(i);
            sb.append("<polyline fill=\"none\" stroke=\"").append(NodeColors.hex(p.edge()))
                    .append("\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\" points=\"");
            for (int k = 0; k < r.length; k += 2) {
                sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", r[k], r[k + 1]));
            }
            sb.append("\"/>\n");
            double[] at = g.labelAt(i);
            if (at != null) {
                sb.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\">%s</text>%n", at[0], at[1] + 3,
                        NodeColors.hex(p.edgeText()), escape(g.graph().edges().get(i).label())));
            }
        }
        for (GraphModel.Node n : g.graph().nodes()) {
            int i = n.id();
            boolean io = n.kind() == GraphModel.Kind.INPUT || n.kind() == GraphModel.Kind.OUTPUT;
            Color fill = io ? p.ioFill() : i < fills.length && fills[i] != null ? fills[i] : Color.GRAY;
            Color ink = io ? p.ioText() : NodeColors.textOn(fill);
            double rx = io ? g.h()[i] / 2 : 4;
            sb.append(String.format(Locale.ROOT,
                    "<g><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%.1f\""
                            + " fill=\"%s\"/>%n", escape(n.number() + " " + n.label()), g.x()[i], g.y()[i],
                    g.w()[i], g.h()[i], rx, NodeColors.hex(fill)));
            double cx = g.centerX(i);
            double cy = g.centerY(i);
            if (io) {
                sb.append(text(cx, cy + 4, 12, true, ink, n.label()));
            } else {
                sb.append(text(cx, cy - 2, 12, true, ink, n.label()));
                sb.append(text(cx, cy + 13, 10, false, ink, n.number()));
            }
            sb.append("</g>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    private static String text(double x, double y, int size, boolean bold, Color ink, String s) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\"%s text-anchor=\"middle\""
                + " fill=\"%s\">%s</text>%n", x, y, size, bold ? " font-weight=\"bold\"" : "", NodeColors.hex(ink),
                escape(s));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
