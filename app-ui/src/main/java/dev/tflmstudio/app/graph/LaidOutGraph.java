package dev.tflmstudio.app.graph;

import java.util.List;

/**
 * A graph with positions: node rectangles (top-left x, y and size, indexed by node id) and edge polylines
 * (indexed like {@link GraphModel#edges()}), in layout units (1 unit = 1 pixel at zoom 1).
 */
public record LaidOutGraph(GraphModel graph, double[] x, double[] y, double[] w, double[] h, List<double[]> routes,
                           double width, double height) {

    /**
     * Where edge {@code i}'s shape label goes, as {x, y}, or null when an earlier edge already labels the same tensor
     * leaving the same node: just below the source, where edges of one tensor have not yet fanned out, so labels
     * never pile up where edges converge.
     */
    public double[] labelAt(int i) {
        GraphModel.Edge e = graph.edges().get(i);
        for (int k = 0; k < i; k++) {
            GraphModel.Edge o = graph.edges().get(k);
            if (o.from() == e.from() && o.tensor() == e.tensor()) {
                return null;
            }
        }
        double[] r = routes.get(i);
        return new double[] {r[0] + 5, r[1] + 11};
    }

    public double centerX(int node) {
        return x[node] + w[node] / 2;
    }

    public double centerY(int node) {
        return y[node] + h[node] / 2;
    }

    /** The node under a point, or -1. */
    public int nodeAt(double px, double py) {
        for (int i = 0; i < x.length; i++) {
            if (px >= x[i] && px <= x[i] + w[i] && py >= y[i] && py <= y[i] + h[i]) {
                return i;
            }
        }
        return -1;
    }
}
