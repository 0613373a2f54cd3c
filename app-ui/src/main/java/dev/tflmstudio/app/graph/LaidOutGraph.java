package dev.tflmstudio.app.graph;

import java.util.List;

/**
 * A graph with positions: node rectangles (top-left x, y and size, indexed by node id) and edge polylines
 * (indexed like {@link GraphModel#edges()}), in layout units (1 unit = 1 pixel at zoom 1).
 */
public record LaidOutGraph(GraphModel graph, double[] x, double[] y, double[] w, double[] h, List<double[]> routes,
                           double width, double height) {

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
