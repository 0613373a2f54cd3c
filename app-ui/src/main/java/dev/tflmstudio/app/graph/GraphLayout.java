package dev.tflmstudio.app.graph;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a {@link GraphModel} out with ELK layered, top to bottom. Polyline routing and Brandes-Köpf placement: the
 * combination that stays well under a second for hundreds of nodes (network simplex takes tens of seconds).
 * Call it off the FX thread; interrupting the thread cancels it.
 */
public final class GraphLayout {
    static final double NODE_HEIGHT = 40;
    static final double IO_HEIGHT = 30;
    private static final double CHAR_WIDTH = 7.2;

    private GraphLayout() {
    }

    public static LaidOutGraph layout(GraphModel graph) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, "org.eclipse.elk.layered");
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.BRANDES_KOEPF);
        root.setProperty(LayeredOptions.THOROUGHNESS, 2);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 34.0);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 24.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(20));

        List<GraphModel.Node> nodes = graph.nodes();
        ElkNode[] elkNodes = new ElkNode[nodes.size()];
        for (GraphModel.Node n : nodes) {
            ElkNode e = ElkGraphUtil.createNode(root);
            e.setDimensions(width(n), n.kind() == GraphModel.Kind.INPUT || n.kind() == GraphModel.Kind.OUTPUT
                    ? IO_HEIGHT : NODE_HEIGHT);
            elkNodes[n.id()] = e;
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        for (GraphModel.Edge edge : graph.edges()) {
            elkEdges.add(ElkGraphUtil.createSimpleEdge(elkNodes[edge.from()], elkNodes[edge.to()]));
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return Thread.currentThread().isInterrupted();
            }
        });

        double[] x = new double[nodes.size()];
        double[] y = new double[nodes.size()];
        double[] w = new double[nodes.size()];
        double[] h = new double[nodes.size()];
        for (int i = 0; i < elkNodes.length; i++) {
            x[i] = elkNodes[i].getX();
            y[i] = elkNodes[i].getY();
            w[i] = elkNodes[i].getWidth();
            h[i] = elkNodes[i].getHeight();
        }
        List<double[]> routes = new ArrayList<>();
        for (ElkEdge e : elkEdges) {
            routes.add(route(e));
        }
        return new LaidOutGraph(graph, x, y, w, h, routes, root.getWidth(), root.getHeight());
    }

    /** A background task that lays out a tiny graph, so ELK's one-time start-up is paid before a model needs it. */
    public static javafx.concurrent.Task<Void> warmUp() {
        return new javafx.concurrent.Task<>() {
            @Override
            protected Void call() {
                updateMessage("Preparing the graph layout");
                ElkNode root = ElkGraphUtil.createGraph();
                root.setProperty(CoreOptions.ALGORITHM, "org.eclipse.elk.layered");
                ElkNode a = ElkGraphUtil.createNode(root);
                ElkNode b = ElkGraphUtil.createNode(root);
                a.setDimensions(10, 10);
                b.setDimensions(10, 10);
                ElkGraphUtil.createSimpleEdge(a, b);
                new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
                return null;
            }
        };
    }

    static double width(GraphModel.Node n) {
        int chars = Math.max(n.label().length(), n.number().length() + 2);
        double min = n.kind() == GraphModel.Kind.OP || n.kind() == GraphModel.Kind.CHAIN ? 120 : 80;
        return Math.min(320, Math.max(min, chars * CHAR_WIDTH + 24));
    }

    /** The edge's polyline as x0, y0, x1, y1, ...; a straight line when ELK gave no section. */
    private static double[] route(ElkEdge e) {
        if (e.getSections().isEmpty()) {
            ElkNode s = (ElkNode) e.getSources().get(0);
            ElkNode t = (ElkNode) e.getTargets().get(0);
            return new double[] {s.getX() + s.getWidth() / 2, s.getY() + s.getHeight(),
                    t.getX() + t.getWidth() / 2, t.getY()};
        }
        ElkEdgeSection sec = e.getSections().get(0);
        double[] pts = new double[4 + 2 * sec.getBendPoints().size()];
        int k = 0;
        pts[k++] = sec.getStartX();
        pts[k++] = sec.getStartY();
        for (ElkBendPoint b : sec.getBendPoints()) {
            pts[k++] = b.getX();
            pts[k++] = b.getY();
        }
        pts[k++] = sec.getEndX();
        pts[k] = sec.getEndY();
        return pts;
    }
}
