package org.ftverify.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A theory's blueprint as an inline SVG (no scripts): proof steps (left) and model quantities (right) feed the
 * claims (middle) that rest on them. Claims are ellipses coloured by verdict, steps boxes coloured by their proof
 * status, quantities grey boxes (the shapes and colour logic follow leanblueprint's dependency graph: ellipses for
 * results, boxes for definitions, green when proved). Every node links to its section of the report.
 *
 * <p>Layout: three layers; claims in the theory's order, each step or quantity placed at the mean height of the
 * claims it feeds (barycentre ordering, which keeps edges short and crossings few), pushed down to avoid overlap.
 */
final class DepGraph {
    private static final int NODE_H = 24;
    private static final int GAP = 8;
    private static final int TOP = 58;
    private static final int MARGIN = 16;
    private static final int COLUMN_GAP = 90;
    private static final double CHAR_W = 6.9; // generous width of one character at 12px sans-serif: never clips
    private static final Pattern PROPOSITION = Pattern.compile("^(P\\d+[a-z']*)\\b");

    /** Proof status of a step: "checked", "derived", "failed", "error", or null (not in the proof results). */
    record Step(String id, String status, String anchor) {
    }

    /** A model quantity the claims read, with the anchor it links to (null for none). */
    record Quantity(String name, String anchor) {
    }

    private record Node(String key, String label, String tooltip, String anchor, String cssClass, double x,
                        double y, double w) {
        double mid() {
            return y + NODE_H / 2.0;
        }
    }

    private DepGraph() {
    }

    /**
     * @param theoryId  used to make the SVG's ids unique in the document
     * @param claims    the theory's claims in order
     * @param steps     every step a claim uses, by id
     * @param quantity  the link target of a read quantity
     */
    static String render(String theoryId, List<ReportModel.Claim> claims, Map<String, Step> steps,
                         Function<String, Quantity> quantity) {
        List<ReportModel.Claim> cs = claims.stream().filter(c -> c != null && c.id() != null).toList();
        double claimW = width(cs.stream().map(DepGraph::label).toList()) + 24;
        List<String> stepIds = sources(cs, ReportModel.Claim::usesOrEmpty);
        List<String> quantityNames = sources(cs, ReportModel.Claim::readsOrEmpty);
        double stepW = width(stepIds);
        double quantityW = width(quantityNames);
        double xSteps = MARGIN;
        double xClaims = xSteps + (stepIds.isEmpty() ? 0 : stepW + COLUMN_GAP);
        double xQuantities = xClaims + claimW + COLUMN_GAP;
        double totalW = (quantityNames.isEmpty() ? xClaims + claimW : xQuantities + quantityW) + MARGIN;
        totalW = Math.max(totalW, legendWidth() + 2 * MARGIN);

        // Claims spread over the height of the taller source column, so edges fan out instead of converging.
        int sources = Math.max(stepIds.size(), quantityNames.size());
        double pitch = Math.max(NODE_H + GAP, sources * (double) (NODE_H + GAP) / Math.max(1, cs.size()));
        Map<String, Node> claimNodes = new LinkedHashMap<>();
        for (int i = 0; i < cs.size(); i++) {
            ReportModel.Claim c = cs.get(i);
            String v = c.verdict() == null ? "NOT_RUN" : c.verdict();
            claimNodes.put(c.id(), new Node(c.id(), label(c), c.id() + " — " + InlineText.plainTitle(c.title())
                    + " [" + v + "]", Adoc.anchor("claim", c.id()), "claim verdict-" + cssName(v), xClaims,
                    TOP + i * pitch, claimW));
        }
        List<Node> stepNodes = place(stepIds, cs, claimNodes, ReportModel.Claim::usesOrEmpty, id -> {
            Step s = steps.get(id);
            String status = s == null || s.status() == null ? "unchecked" : s.status();
            String cls = switch (status) {
                case "checked" -> "step-checked";
                case "derived" -> "step-derived";
                case "failed", "error" -> "step-failed";
                default -> "step-unchecked";
            };
            return new Node(id, id, "proof step " + id + " — " + status, s == null ? null : s.anchor(), cls, xSteps,
                    0, stepW);
        });
        List<Node> quantityNodes = place(quantityNames, cs, claimNodes, ReportModel.Claim::readsOrEmpty, q -> {
            Quantity target = quantity.apply(q);
            return new Node(q, q, "model quantity " + q, target == null ? null : target.anchor(), "quantity",
                    xQuantities, 0, quantityW);
        });
        double bottom = TOP;
        for (List<Node> column : List.of(List.copyOf(claimNodes.values()), stepNodes, quantityNodes)) {
            for (Node n : column) {
                bottom = Math.max(bottom, n.y() + NODE_H);
            }
        }
        double height = bottom + MARGIN;

        String arrow = "ftv-arrow-" + theoryId.replaceAll("[^A-Za-z0-9_-]", "-");
        StringBuilder svg = new StringBuilder(16384);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ftv-graph\" role=\"img\" width=\"")
                .append(fmt(totalW)).append("\" height=\"").append(fmt(height)).append("\" viewBox=\"0 0 ")
                .append(fmt(totalW)).append(' ').append(fmt(height))
                .append("\" font-family=\"sans-serif\" font-size=\"12\" aria-label=\"")
                .append(Html.escape("Dependency graph of " + theoryId)).append("\">\n");
        svg.append("<defs><marker id=\"").append(arrow).append("\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" ")
                .append("markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" ")
                .append("fill=\"#777\"/></marker></defs>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        legend(svg);
        header(svg, xSteps, stepW, stepIds.isEmpty() ? null : "proof steps used");
        header(svg, xClaims, claimW, "claims");
        header(svg, xQuantities, quantityW, quantityNames.isEmpty() ? null : "model quantities read");
        for (ReportModel.Claim c : cs) {
            Node to = claimNodes.get(c.id());
            for (String s : c.usesOrEmpty()) {
                Node from = find(stepNodes, s);
                edge(svg, from.x() + from.w(), from.mid(), to.x(), to.mid(), arrow);
            }
            for (String q : c.readsOrEmpty()) {
                Node from = find(quantityNodes, q);
                edge(svg, from.x(), from.mid(), to.x() + to.w(), to.mid(), arrow);
            }
        }
        stepNodes.forEach(n -> node(svg, n, false));
        quantityNodes.forEach(n -> node(svg, n, false));
        claimNodes.values().forEach(n -> node(svg, n, true));
        svg.append("</svg>");
        return svg.toString();
    }

    /** The distinct sources (steps or quantities) in order of first use. */
    private static List<String> sources(List<ReportModel.Claim> cs, Function<ReportModel.Claim, List<String>> of) {
        List<String> out = new ArrayList<>();
        cs.forEach(c -> of.apply(c).stream().filter(s -> s != null && !out.contains(s)).forEach(out::add));
        return out;
    }

    /** Barycentre placement of one source column next to the claims. */
    private static List<Node> place(List<String> ids, List<ReportModel.Claim> cs, Map<String, Node> claims,
                                    Function<ReportModel.Claim, List<String>> of, Function<String, Node> make) {
        record Wanted(String id, double y) {
        }
        List<Wanted> wanted = new ArrayList<>();
        for (String id : ids) {
            double sum = 0;
            int n = 0;
            for (ReportModel.Claim c : cs) {
                if (of.apply(c).contains(id)) {
                    sum += claims.get(c.id()).y();
                    n++;
                }
            }
            wanted.add(new Wanted(id, sum / n));
        }
        wanted.sort((a, b) -> Double.compare(a.y(), b.y()));
        List<Node> nodes = new ArrayList<>();
        double next = TOP;
        for (Wanted w : wanted) {
            double y = Math.max(w.y(), next);
            Node n = make.apply(w.id());
            nodes.add(new Node(n.key(), n.label(), n.tooltip(), n.anchor(), n.cssClass(), n.x(), y, n.w()));
            next = y + NODE_H + GAP;
        }
        return nodes;
    }

    private static Node find(List<Node> nodes, String key) {
        return nodes.stream().filter(n -> n.key().equals(key)).findFirst().orElseThrow();
    }

    private static void edge(StringBuilder svg, double x1, double y1, double x2, double y2, String arrow) {
        double mx = (x1 + x2) / 2;
        svg.append("<path class=\"edge\" d=\"M").append(fmt(x1)).append(',').append(fmt(y1)).append(" C")
                .append(fmt(mx)).append(',').append(fmt(y1)).append(' ').append(fmt(mx)).append(',').append(fmt(y2))
                .append(' ').append(fmt(x2)).append(',').append(fmt(y2))
                .append("\" fill=\"none\" stroke=\"#999\" stroke-width=\"1\" marker-end=\"url(#").append(arrow)
                .append(")\"/>\n");
    }

    private static void node(StringBuilder svg, Node n, boolean ellipse) {
        if (n.anchor() != null) {
            svg.append("<a href=\"#").append(Html.escape(n.anchor())).append("\">");
        }
        svg.append("<g class=\"node ").append(n.cssClass()).append("\"><title>").append(Html.escape(n.tooltip()))
                .append("</title>");
        if (ellipse) {
            svg.append("<ellipse cx=\"").append(fmt(n.x() + n.w() / 2)).append("\" cy=\"").append(fmt(n.mid()))
                    .append("\" rx=\"").append(fmt(n.w() / 2)).append("\" ry=\"").append(NODE_H / 2)
                    .append('"').append(style(n.cssClass())).append("/>");
        } else {
            svg.append("<rect x=\"").append(fmt(n.x())).append("\" y=\"").append(fmt(n.y())).append("\" width=\"")
                    .append(fmt(n.w())).append("\" height=\"").append(NODE_H).append("\" rx=\"3\"")
                    .append(style(n.cssClass())).append("/>");
        }
        svg.append("<text x=\"").append(fmt(n.x() + n.w() / 2)).append("\" y=\"").append(fmt(n.mid() + 4))
                .append("\" text-anchor=\"middle\" fill=\"").append(textColour(n.cssClass())).append("\">")
                .append(Html.escape(n.label())).append("</text></g>");
        svg.append(n.anchor() != null ? "</a>\n" : "\n");
    }

    /** Fill and stroke as attributes (the SVG is also readable outside the report's stylesheet). */
    private static String style(String cls) {
        String[] fs = switch (cls.replace("claim ", "")) {
            case "verdict-verified" -> new String[]{"#1e7e34", "#14561f", ""};
            case "verdict-falsified" -> new String[]{"#c62828", "#8e1c1c", ""};
            case "verdict-inconclusive" -> new String[]{"#f2a900", "#9a6700", ""};
            case "verdict-not-run" -> new String[]{"#8a8f98", "#5f636a", ""};
            case "step-checked" -> new String[]{"#e8f5e9", "#1e7e34", ""};
            case "step-derived" -> new String[]{"#e8f0fb", "#1b5fb4", ""};
            case "step-failed" -> new String[]{"#fdecea", "#c62828", ""};
            case "step-unchecked" -> new String[]{"#ffffff", "#8a8f98", " stroke-dasharray=\"4 3\""};
            default -> new String[]{"#f4f4f4", "#666666", ""};
        };
        return " fill=\"" + fs[0] + "\" stroke=\"" + fs[1] + "\" stroke-width=\"1.5\"" + fs[2];
    }

    private static String textColour(String cls) {
        return cls.startsWith("claim ") && !cls.endsWith("inconclusive") ? "#ffffff" : "#1d1d1d";
    }

    private static void header(StringBuilder svg, double x, double w, String text) {
        if (text != null) {
            svg.append("<text x=\"").append(fmt(x + w / 2)).append("\" y=\"").append(TOP - 10)
                    .append("\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#444\">")
                    .append(Html.escape(text)).append("</text>\n");
        }
    }

    private static final String[][] LEGEND = {{"verdict-verified", "verified"}, {"verdict-falsified", "falsified"},
            {"verdict-inconclusive", "inconclusive"}, {"verdict-not-run", "not run"},
            {"step-checked", "step checked"}, {"step-derived", "step derived"}, {"step-failed", "step failed"},
            {"step-unchecked", "step not checked"}};

    private static double legendStep(String text) {
        return 23 + text.length() * CHAR_W * 11 / 12 + 14;
    }

    private static double legendWidth() {
        double w = 0;
        for (String[] item : LEGEND) {
            w += legendStep(item[1]);
        }
        return w;
    }

    private static void legend(StringBuilder svg) {
        double x = MARGIN;
        for (String[] item : LEGEND) {
            boolean claim = item[0].startsWith("verdict");
            if (claim) {
                svg.append("<ellipse cx=\"").append(fmt(x + 9)).append("\" cy=\"14\" rx=\"9\" ry=\"6\"")
                        .append(style("claim " + item[0])).append("/>");
            } else {
                svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"8\" width=\"18\" height=\"12\" rx=\"2\"")
                        .append(style(item[0])).append("/>");
            }
            svg.append("<text x=\"").append(fmt(x + 23)).append("\" y=\"18\" font-size=\"11\">")
                    .append(Html.escape(item[1])).append("</text>\n");
            x += legendStep(item[1]);
        }
    }

    /** "P3" from a title "P3 — ...", otherwise the claim id. */
    static String label(ReportModel.Claim c) {
        Matcher m = PROPOSITION.matcher(c.title() == null ? "" : c.title());
        return m.find() ? m.group(1) : c.id();
    }

    private static double width(List<String> labels) {
        return labels.stream().mapToInt(String::length).max().orElse(4) * CHAR_W + 16;
    }

    private static String cssName(String verdict) {
        return verdict.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
