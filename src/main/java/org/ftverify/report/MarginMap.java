package org.ftverify.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ftverify.core.Num;

/**
 * The margin map of an exploration (target/ftverify/explore/&lt;claim&gt;.json) as a self-contained SVG: gap/tolerance
 * over the two parameters that move it most (the first two of the file's sensitivity ranking). Cells of a 10 x 10 grid
 * (one column per choice of a choice parameter) are coloured by the largest gap/tol evaluated inside them, blue far
 * from failure, yellow near the tolerance, red beyond it; grey cells were not visited. Every evaluation is a dot in its
 * own colour; failing points are red crosses, undecided ones grey squares, the closest approach to failure is ringed
 * in green and the first confirmed failure of the search in black. A claim with one parameter gets a strip chart
 * (gap/tol against the parameter, the tolerance line at 1) instead.
 *
 * <p>No scripts, fonts or links: the report opens offline.
 */
public final class MarginMap {
    static final int WIDTH = 680, LEFT = 80, TOP = 46, SIZE = 420, CELLS = 10;

    private MarginMap() {}

    /** One evaluation as the map needs it: unit coordinates (or NaN), gap/tol, verdict, number. */
    private record Dot(double u, double v, double gap, String verdict, int n) {}

    private record Axis(String name, String kind, double lo, double hi, boolean log, List<String> choices) {
        double unit(JsonElement value) {
            if (kind.equals("choice")) {
                int i = choices.indexOf(value.getAsString());
                return (i + 0.5) / choices.size();
            }
            double x = value.getAsDouble();
            if (hi == lo) return 0.5;
            return log && lo > 0 ? (Math.log(x) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (x - lo) / (hi - lo);
        }

        int cells() {
            return kind.equals("choice") ? choices.size() : CELLS;
        }

        String tick(double u) {
            double x = log && lo > 0 ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
            return Num.sig(x, 3);
        }
    }

    /** The SVG for an explore JSON; throws IllegalArgumentException naming what is missing when the file is malformed. */
    public static String render(JsonObject explore) {
        List<Axis> axes = axes(explore);
        if (axes.isEmpty()) throw new IllegalArgumentException("margin map: the exploration has no parameters to map");
        JsonObject search = ExploreSection.obj(explore, "search");
        Integer closest = number(explore, "closestApproach"), first = search == null ? null : number(search, "firstConfirmedFailure");
        List<Dot> dots = new ArrayList<>();
        double max = 1;
        for (JsonElement e : explore.getAsJsonArray("evaluations")) {
            JsonObject t = e.getAsJsonObject();
            JsonObject params = t.getAsJsonObject("params");
            double gap = ExploreSection.present(t, "normalisedGap") ? t.get("normalisedGap").getAsDouble() : Double.NaN;
            double u = axes.get(0).unit(params.get(axes.get(0).name()));
            double v = axes.size() > 1 ? axes.get(1).unit(params.get(axes.get(1).name())) : Double.NaN;
            dots.add(new Dot(u, v, gap, t.get("verdict").getAsString(), t.get("n").getAsInt()));
            if (Double.isFinite(gap)) max = Math.max(max, gap);
        }
        double top = Math.min(Math.max(1.5, max), 10);
        String title = "margin map: gap/tol of " + explore.get("claim").getAsString()
                + (ExploreSection.present(explore, "mutant") ? " (MUTANT " + explore.get("mutant").getAsString() + ")" : "");
        StringBuilder s = new StringBuilder(16384);
        int height = TOP + SIZE + 110;
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ftv-plot\" role=\"img\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" aria-label=\"").append(esc(title)).append("\">\n");
        s.append("<title>").append(esc(title)).append("</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        text(s, WIDTH / 2.0, 20, "middle", "font-size=\"14\" font-weight=\"bold\"", title);
        if (axes.size() == 1) strip(s, axes.get(0), dots, top, closest, first);
        else grid(s, axes.get(0), axes.get(1), dots, top, closest, first);
        legend(s, top, TOP + SIZE + 62);
        s.append("</svg>\n");
        return s.toString();
    }

    private static void grid(StringBuilder s, Axis ax, Axis ay, List<Dot> dots, double top, Integer closest, Integer first) {
        int nx = ax.cells(), ny = ay.cells();
        double[][] cell = new double[nx][ny];
        for (double[] row : cell) java.util.Arrays.fill(row, Double.NaN);
        for (Dot d : dots) {
            if (!Double.isFinite(d.gap())) continue;
            int i = Math.min(nx - 1, Math.max(0, (int) Math.floor(d.u() * nx))), j = Math.min(ny - 1, Math.max(0, (int) Math.floor(d.v() * ny)));
            if (Double.isNaN(cell[i][j]) || d.gap() > cell[i][j]) cell[i][j] = d.gap();
        }
        double cw = (double) SIZE / nx, ch = (double) SIZE / ny;
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"0.5\"/>\n",
                        LEFT + i * cw, TOP + SIZE - (j + 1) * ch, cw, ch, Double.isNaN(cell[i][j]) ? "#eeeeee" : color(cell[i][j], top)));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n", LEFT, TOP, SIZE, SIZE));
        ticks(s, ax, true);
        ticks(s, ay, false);
        for (Dot d : dots) marker(s, LEFT + d.u() * SIZE, TOP + SIZE - d.v() * SIZE, d, top, closest, first);
    }

    private static void strip(StringBuilder s, Axis ax, List<Dot> dots, double top, Integer closest, Integer first) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#444\"/>\n", LEFT, TOP, SIZE, SIZE));
        double y1 = TOP + SIZE - SIZE / top;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c62828\" stroke-dasharray=\"6 4\"/>\n", LEFT, y1, LEFT + SIZE, y1));
        text(s, LEFT + SIZE + 4, y1 + 4, "start", "fill=\"#c62828\"", "tolerance");
        for (int k = 0; k <= 4; k++) {
            double g = top * k / 4, y = TOP + SIZE - SIZE * k / 4.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#444\"/>\n", LEFT - 5, y, LEFT, y));
            text(s, LEFT - 8, y + 4, "end", "", Num.sig(g, 2));
        }
        text(s, 18, TOP + SIZE / 2.0, "middle", "transform=\"rotate(-90 18 " + (TOP + SIZE / 2) + ")\"", "gap / tolerance");
        ticks(s, ax, true);
        for (Dot d : dots) {
            double g = Double.isFinite(d.gap()) ? Math.min(d.gap(), top) : top;
            marker(s, LEFT + d.u() * SIZE, TOP + SIZE - g / top * SIZE, d, top, closest, first);
        }
    }

    private static void ticks(StringBuilder s, Axis a, boolean horizontal) {
        int n = a.kind().equals("choice") ? a.choices().size() : 4;
        for (int k = 0; k <= n; k++) {
            if (a.kind().equals("choice") && k == n) break;
            double u = a.kind().equals("choice") ? (k + 0.5) / n : (double) k / n;
            String label = a.kind().equals("choice") ? a.choices().get(k) : a.tick(u);
            if (horizontal) {
                double x = LEFT + u * SIZE;
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#444\"/>\n", x, TOP + SIZE, x, TOP + SIZE + 5));
                text(s, x, TOP + SIZE + 18, "middle", "", label);
            } else {
                double y = TOP + SIZE - u * SIZE;
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#444\"/>\n", LEFT - 5, y, LEFT, y));
                text(s, LEFT - 8, y + 4, "end", "", label);
            }
        }
        String name = a.name() + (a.log() ? " (log scale)" : "");
        if (horizontal) text(s, LEFT + SIZE / 2.0, TOP + SIZE + 36, "middle", "font-weight=\"bold\"", name);
        else text(s, 18, TOP + SIZE / 2.0, "middle", "font-weight=\"bold\" transform=\"rotate(-90 18 " + (TOP + SIZE / 2) + ")\"", name);
    }

    private static void marker(StringBuilder s, double x, double y, Dot d, double top, Integer closest, Integer first) {
        switch (d.verdict()) {
            case "FALSIFIED" -> s.append(String.format(Locale.ROOT,
                    "<path d=\"M%.1f %.1fl10 10M%.1f %.1fl10 -10\" stroke=\"#b00020\" stroke-width=\"3\"><title>#%d FALSIFIED, gap/tol %s</title></path>\n",
                    x - 5, y - 5, x - 5, y + 5, d.n(), Num.fmt(d.gap())));
            case "INCONCLUSIVE" -> s.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"none\" stroke=\"#666\" stroke-width=\"1.5\"><title>#%d INCONCLUSIVE</title></rect>\n",
                    x - 4, y - 4, d.n()));
            default -> s.append(String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"#222\" stroke-width=\"0.8\"><title>#%d %s, gap/tol %s</title></circle>\n",
                    x, y, color(d.gap(), top), d.n(), d.verdict(), Num.fmt(d.gap())));
        }
        if (closest != null && d.n() == closest)
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"none\" stroke=\"#1e7e34\" stroke-width=\"2.5\"/>\n", x, y));
        if (first != null && d.n() == first)
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"11\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>\n", x, y));
    }

    private static void legend(StringBuilder s, double top, int y) {
        int x0 = LEFT, w = 240;
        for (int k = 0; k < 48; k++)
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.2f\" height=\"12\" fill=\"%s\"/>\n",
                    x0 + k * w / 48.0, y, w / 48.0 + 0.3, color(top * (k + 0.5) / 48, top)));
        double x1 = x0 + w / top;
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\"/>\n", x1, y - 3, x1, y + 15));
        text(s, x0, y + 28, "start", "", "0");
        text(s, x1, y + 28, "middle", "", "1 (tolerance)");
        text(s, x0 + w, y + 28, "end", "", Num.sig(top, 2));
        text(s, x0 + w / 2.0, y - 6, "middle", "", "gap / tolerance (cell: largest evaluated in it)");
        int lx = x0 + w + 40;
        s.append(String.format(Locale.ROOT, "<path d=\"M%d %dl10 10M%d %dl10 -10\" stroke=\"#b00020\" stroke-width=\"3\"/>\n", lx, y - 4, lx, y + 6));
        text(s, lx + 16, y + 5, "start", "", "falsifying point");
        s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"7\" fill=\"none\" stroke=\"#1e7e34\" stroke-width=\"2.5\"/>\n", lx + 5, y + 22));
        text(s, lx + 16, y + 26, "start", "", "closest approach");
        s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"7\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>\n", lx + 150, y + 1));
        text(s, lx + 161, y + 5, "start", "", "first confirmed failure");
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"8\" height=\"8\" fill=\"none\" stroke=\"#666\" stroke-width=\"1.5\"/>\n", lx + 146, y + 18));
        text(s, lx + 161, y + 26, "start", "", "undecided");
    }

    /** Blue (0) to pale yellow (just under 1) to red (1 and beyond), saturating at {@code top}. */
    static String color(double g, double top) {
        if (!Double.isFinite(g)) return "#7f0000";
        double[][] stops = g <= 1
                ? new double[][] {{0, 49, 54, 149}, {0.5, 116, 173, 209}, {0.85, 224, 243, 248}, {1, 254, 224, 144}}
                : new double[][] {{1, 253, 174, 97}, {Math.max(1.01, (1 + top) / 2), 215, 48, 39}, {Math.max(1.02, top), 127, 0, 38}};
        double[] lo = stops[0], hi = stops[stops.length - 1];
        for (int k = 0; k + 1 < stops.length; k++) {
            if (g >= stops[k][0] && g <= stops[k + 1][0]) {
                lo = stops[k];
                hi = stops[k + 1];
                break;
            }
        }
        if (g > hi[0]) lo = hi;
        double f = hi[0] == lo[0] ? 0 : (g - lo[0]) / (hi[0] - lo[0]);
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(lo[1] + f * (hi[1] - lo[1])),
                (int) Math.round(lo[2] + f * (hi[2] - lo[2])), (int) Math.round(lo[3] + f * (hi[3] - lo[3])));
    }

    /** The two parameters to map: the file's sensitivity ranking, skipping parameters that cannot vary. */
    private static List<Axis> axes(JsonObject explore) {
        List<Axis> all = new ArrayList<>();
        for (JsonElement e : explore.getAsJsonArray("parameters")) {
            JsonObject p = e.getAsJsonObject();
            List<String> choices = new ArrayList<>();
            p.getAsJsonArray("choices").forEach(c -> choices.add(c.getAsString()));
            all.add(new Axis(p.get("name").getAsString(), p.get("kind").getAsString(), p.get("lo").getAsDouble(), p.get("hi").getAsDouble(),
                    p.get("logScale").getAsBoolean(), choices));
        }
        List<Axis> ranked = new ArrayList<>();
        JsonArray sens = explore.has("sensitivity") ? explore.getAsJsonArray("sensitivity") : new JsonArray();
        for (JsonElement e : sens) {
            String name = e.getAsJsonObject().get("parameter").getAsString();
            all.stream().filter(a -> a.name().equals(name) && a.hi() > a.lo()).findFirst().ifPresent(ranked::add);
        }
        for (Axis a : all) if (!ranked.contains(a) && a.hi() > a.lo()) ranked.add(a);
        return ranked.subList(0, Math.min(2, ranked.size()));
    }

    private static Integer number(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonObject() ? o.getAsJsonObject(key).get("n").getAsInt() : null;
    }

    private static void text(StringBuilder s, double x, double y, String anchor, String attrs, String text) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>\n", x, y, anchor, attrs, esc(text)));
    }

    /** XML escaping of text and attribute values. */
    static String esc(String t) {
        return t == null ? "" : t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
