package org.ftverify.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws one plot as a self-contained SVG string: axes, ticks, grid, labels, legend; "theory" series as lines,
 * "simulation" series as points with vertical error bars (err = half-widths). Optional log10 axes.
 * No scripts, no fonts, no network: the report must open offline.
 *
 * <p>Bad input is rejected with one-line IllegalArgumentExceptions (mismatched lengths, unknown role, a
 * non-positive value on a log axis). Non-finite points (NaN, infinity) are not drawn but counted in a red
 * note on the plot, so a numerical failure stays visible instead of silently vanishing.
 */
public final class SvgPlot {
    private static final int WIDTH = 680;
    private static final int LEFT = 78;
    private static final int RIGHT = WIDTH - 24;
    private static final int TOP = 40;
    private static final int BOTTOM = TOP + 270;
    private static final int LEGEND_COLUMNS = 2;
    private static final int LEGEND_ROW = 18;
    /** Width of one character of the 14px bold title, on the generous side. */
    private static final double TITLE_CHAR_W = 8.6;
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf"};

    private SvgPlot() {
    }

    /**
     * @param title  the plot name (shown on top)
     * @param series the curves; all must agree on logX/logY; the first one's axis labels are used
     */
    public static String render(String title, List<ReportModel.Series> series) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("plot '" + title + "': series must not be empty");
        }
        boolean logX = Boolean.TRUE.equals(series.get(0).logX());
        boolean logY = Boolean.TRUE.equals(series.get(0).logY());
        Range xr = new Range();
        Range yr = new Range();
        int skipped = 0;
        for (ReportModel.Series s : series) {
            validate(title, s, logX, logY);
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    skipped++;
                    continue;
                }
                xr.add(x);
                yr.add(y);
                if (s.err() != null && Double.isFinite(s.err()[i])) {
                    yr.add(y + s.err()[i]);
                    if (!logY || y - s.err()[i] > 0) {
                        yr.add(y - s.err()[i]);
                    }
                }
            }
        }
        if (xr.empty()) {
            throw new IllegalArgumentException("plot '" + title + "' has no finite points to draw");
        }
        Axis ax = Axis.of(xr, logX, LEFT, RIGHT);
        Axis ay = Axis.of(yr, logY, BOTTOM, TOP);

        Legend legend = Legend.of(series);
        // A long title wraps (never clipped by the SVG's edge); the plot below moves down by the extra lines.
        List<String> titleLines = Legend.wrap(title, (int) ((WIDTH - 24) / TITLE_CHAR_W));
        int shift = (titleLines.size() - 1) * 17;
        int height = BOTTOM + 62 + legend.height() + shift;
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ftv-plot\" role=\"img\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" font-family=\"sans-serif\" font-size=\"12\" aria-label=\"")
                .append(Html.escape(title)).append("\">\n");
        svg.append("<title>").append(Html.escape(title)).append("</title>\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        for (int l = 0; l < titleLines.size(); l++) {
            text(svg, WIDTH / 2.0, 20 + 17 * l, "middle", "font-size=\"14\" font-weight=\"bold\"", titleLines.get(l));
        }
        svg.append("<g transform=\"translate(0 ").append(shift).append(")\">\n");
        if (skipped > 0) {
            text(svg, WIDTH / 2.0, 34, "middle", "fill=\"#b00020\"",
                    skipped + " non-finite point(s) (no value or infinite) not drawn");
        }
        ticks(svg, ax, true);
        ticks(svg, ay, false);
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(RIGHT - LEFT).append("\" height=\"").append(BOTTOM - TOP)
                .append("\" fill=\"none\" stroke=\"#333333\"/>\n");
        ReportModel.Series first = series.get(0);
        text(svg, (LEFT + RIGHT) / 2.0, BOTTOM + 38, "middle", "", label(first.xLabel(), "x", logX));
        svg.append("<text transform=\"translate(18 ").append(fmt((TOP + BOTTOM) / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(Html.escape(label(first.yLabel(), "y", logY))).append("</text>\n");
        // Bounds first (dashed, underneath), then the other theory curves, then simulation points on top: a curve
        // lying on or between its bounds stays visible.
        for (int pass = 0; pass < 3; pass++) {
            for (int k = 0; k < series.size(); k++) {
                if (layer(series.get(k)) == pass) {
                    drawSeries(svg, series.get(k), PALETTE[k % PALETTE.length], ax, ay);
                }
            }
        }
        legend.draw(svg, series, BOTTOM + 58);
        svg.append("</g></svg>");
        return svg.toString();
    }

    private static void validate(String title, ReportModel.Series s, boolean logX, boolean logY) {
        String where = "plot '" + title + "', series '" + s.name() + "'";
        if (s.x() == null || s.y() == null || s.x().length != s.y().length) {
            throw new IllegalArgumentException(where + ": x and y must be present and of equal length");
        }
        if (s.err() != null && s.err().length != s.x().length) {
            throw new IllegalArgumentException(where + ": err must be null or as long as x (" + s.x().length
                    + "), was " + s.err().length);
        }
        if (!"theory".equals(s.role()) && !"simulation".equals(s.role())) {
            throw new IllegalArgumentException(where + ": role must be theory or simulation, was " + s.role());
        }
        if (Boolean.TRUE.equals(s.logX()) != logX || Boolean.TRUE.equals(s.logY()) != logY) {
            throw new IllegalArgumentException(where + ": logX/logY differ from the plot's first series");
        }
        for (int i = 0; i < s.x().length; i++) {
            if (logX && s.x()[i] <= 0) {
                throw new IllegalArgumentException(where + ": log x axis needs x > 0, but x[" + i + "] = "
                        + s.x()[i]);
            }
            if (logY && s.y()[i] <= 0) {
                throw new IllegalArgumentException(where + ": log y axis needs y > 0, but y[" + i + "] = "
                        + s.y()[i]);
            }
        }
    }

    /** Drawing layer: 0 bounds, 1 other theory curves, 2 simulation. */
    static int layer(ReportModel.Series s) {
        return "simulation".equals(s.role()) ? 2 : isBound(s) ? 0 : 1;
    }

    /** A theory series named as a bound, limit or envelope side: drawn dashed and underneath. */
    static boolean isBound(ReportModel.Series s) {
        String n = s.name() == null ? "" : s.name().toLowerCase(Locale.ROOT);
        return "theory".equals(s.role()) && (n.contains("bound") || n.contains("envelope") || n.contains("limit"));
    }

    private static String lineStyle(ReportModel.Series s) {
        // A bound is a wide, translucent dashed band under the curve: where it coincides with the curve both stay
        // visible (the thin solid curve runs inside the band).
        return isBound(s) ? "\" stroke-width=\"5\" stroke-opacity=\"0.45\" stroke-dasharray=\"9 5" : "\" stroke-width=\"2";
    }

    private static void drawSeries(StringBuilder svg, ReportModel.Series s, String colour, Axis ax, Axis ay) {
        svg.append("<g class=\"series ").append(s.role()).append("\"><title>").append(Html.escape(s.name()))
                .append("</title>\n");
        if ("theory".equals(s.role())) {
            // A gap in the data (non-finite point) breaks the line rather than joining across it.
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i <= s.x().length; i++) {
                boolean ok = i < s.x().length && Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]);
                if (ok) {
                    pts.append(fmt(ax.pixel(s.x()[i]))).append(',').append(fmt(ay.pixel(s.y()[i]))).append(' ');
                } else if (pts.length() > 0) {
                    svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append(lineStyle(s))
                            .append("\" points=\"").append(pts.toString().strip())
                            .append("\"/>\n");
                    pts.setLength(0);
                }
            }
        } else {
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                double px = ax.pixel(x);
                if (s.err() != null && Double.isFinite(s.err()[i]) && s.err()[i] > 0) {
                    double e = s.err()[i];
                    // On a log axis a lower whisker at or below zero is cut at the frame, not dropped.
                    double lo = (ay.log && y - e <= 0) ? BOTTOM : ay.pixel(y - e);
                    double hi = ay.pixel(y + e);
                    svg.append("<path stroke=\"").append(colour).append("\" stroke-width=\"1.2\" d=\"M")
                            .append(fmt(px)).append(',').append(fmt(lo)).append(" V").append(fmt(hi))
                            .append(" M").append(fmt(px - 3)).append(',').append(fmt(hi)).append(" h6 M")
                            .append(fmt(px - 3)).append(',').append(fmt(lo)).append(" h6\"/>\n");
                }
                svg.append("<circle cx=\"").append(fmt(px)).append("\" cy=\"").append(fmt(ay.pixel(y)))
                        .append("\" r=\"3.5\" fill=\"").append(colour).append("\"/>\n");
            }
        }
        svg.append("</g>\n");
    }

    /**
     * The legend, sized from its text: two columns when every entry fits half the width, else one; an entry longer
     * than its column wraps at spaces onto further lines. Nothing is ever cut off.
     */
    private record Legend(int columns, List<List<String>> lines, int[] rowTop, int height) {
        /** Width of one character at 12px sans-serif, on the generous side so wrapped text never overflows. */
        static final double CHAR_W = 7.0;
        static final int LINE = 15;

        static Legend of(List<ReportModel.Series> series) {
            List<String> names = series.stream().map(SvgPlot::legendName).toList();
            int full = RIGHT - LEFT - 28;
            int half = (RIGHT - LEFT) / LEGEND_COLUMNS - 28;
            boolean two = names.stream().allMatch(n -> n.length() * CHAR_W <= half);
            int columns = two ? LEGEND_COLUMNS : 1;
            int maxChars = (int) Math.floor((two ? half : full) / CHAR_W);
            List<List<String>> lines = names.stream().map(n -> wrap(n, maxChars)).toList();
            int rows = (names.size() + columns - 1) / columns;
            int[] rowTop = new int[rows + 1];
            for (int r = 0; r < rows; r++) {
                int tallest = 1;
                for (int k = r * columns; k < Math.min(names.size(), (r + 1) * columns); k++) {
                    tallest = Math.max(tallest, lines.get(k).size());
                }
                rowTop[r + 1] = rowTop[r] + Math.max(LEGEND_ROW, tallest * LINE + 3);
            }
            return new Legend(columns, lines, rowTop, rowTop[rows]);
        }

        void draw(StringBuilder svg, List<ReportModel.Series> series, int top) {
            int columnWidth = (RIGHT - LEFT) / columns;
            for (int k = 0; k < series.size(); k++) {
                ReportModel.Series s = series.get(k);
                String colour = PALETTE[k % PALETTE.length];
                double x = LEFT + (k % columns) * columnWidth;
                double y = top + rowTop[k / columns];
                if ("theory".equals(s.role())) {
                    svg.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(fmt(y - 4)).append("\" x2=\"")
                            .append(fmt(x + 22)).append("\" y2=\"").append(fmt(y - 4)).append("\" stroke=\"")
                            .append(colour).append(lineStyle(s)).append("\"/>\n");
                } else {
                    svg.append("<path stroke=\"").append(colour).append("\" d=\"M").append(fmt(x + 11)).append(',')
                            .append(fmt(y - 10)).append(" V").append(fmt(y + 2)).append("\"/><circle cx=\"")
                            .append(fmt(x + 11)).append("\" cy=\"").append(fmt(y - 4)).append("\" r=\"3.5\" fill=\"")
                            .append(colour).append("\"/>\n");
                }
                List<String> text = lines.get(k);
                for (int l = 0; l < text.size(); l++) {
                    text(svg, x + 28, y + l * LINE, "start", "", text.get(l));
                }
            }
        }

        /** Greedy word wrap at spaces; a single word longer than a line stands on its own line, whole. */
        static List<String> wrap(String text, int maxChars) {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > maxChars) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            out.add(line.toString());
            return out;
        }
    }

    /** The legend text of a series: its name, with its role when the name does not say it. */
    static String legendName(ReportModel.Series s) {
        String name = s.name() == null ? "(unnamed)" : s.name();
        if (!name.toLowerCase(Locale.ROOT).contains(s.role())) {
            name += " (" + s.role() + ")";
        }
        return name;
    }

    private static void ticks(StringBuilder svg, Axis a, boolean horizontal) {
        for (double t : a.ticks) {
            double p = a.pixel(t);
            if (horizontal) {
                svg.append("<line x1=\"").append(fmt(p)).append("\" y1=\"").append(TOP).append("\" x2=\"")
                        .append(fmt(p)).append("\" y2=\"").append(BOTTOM + 5)
                        .append("\" stroke=\"#dddddd\"/>\n");
                text(svg, p, BOTTOM + 18, "middle", "", a.label(t));
            } else {
                svg.append("<line x1=\"").append(LEFT - 5).append("\" y1=\"").append(fmt(p)).append("\" x2=\"")
                        .append(RIGHT).append("\" y2=\"").append(fmt(p)).append("\" stroke=\"#dddddd\"/>\n");
                text(svg, LEFT - 8, p + 4, "end", "", a.label(t));
            }
        }
    }

    private static String label(String label, String fallback, boolean log) {
        String l = label == null || label.isBlank() ? fallback : label;
        return log ? l + " (log scale)" : l;
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String extra, String text) {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"")
                .append(anchor).append('"').append(extra.isEmpty() ? "" : " " + extra).append('>')
                .append(Html.escape(text)).append("</text>\n");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Running min/max of the finite data on one axis. */
    private static final class Range {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        void add(double v) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }

        boolean empty() {
            return min > max;
        }
    }

    /**
     * Maps data to pixels. The data range is padded by 4% on each side so nothing sits on the frame (a theory
     * line at exactly 0 would otherwise hide in the axis), and ticks are placed at round values inside it.
     */
    private static final class Axis {
        private static final double PAD = 0.04;
        final boolean log;
        final double lo;
        final double hi;
        final double p0;
        final double p1;
        final double step;
        final List<Double> ticks;

        private Axis(boolean log, double lo, double hi, double step, List<Double> ticks, double p0, double p1) {
            this.log = log;
            this.lo = lo;
            this.hi = hi;
            this.step = step;
            this.ticks = ticks;
            this.p0 = p0;
            this.p1 = p1;
        }

        static Axis of(Range r, boolean log, double p0, double p1) {
            double min = log ? Math.log10(r.min) : r.min;
            double max = log ? Math.log10(r.max) : r.max;
            if (max - min <= Math.max(Math.abs(max), 1e-300) * 1e-12) {
                double half = log ? 0.5 : (max == 0 ? 1 : Math.abs(max) * 0.1);
                min -= half;
                max += half;
            }
            double pad = (max - min) * PAD;
            double lo = min - pad;
            double hi = max + pad;
            List<Double> ticks = new ArrayList<>();
            if (log) {
                long first = (long) Math.ceil(lo);
                long last = (long) Math.floor(hi);
                long stride = Math.max(1, (long) Math.ceil((last - first + 1) / 8.0));
                for (long k = first; k <= last; k += stride) {
                    ticks.add(Math.pow(10, k));
                }
                if (ticks.size() < 2) { // less than two decades visible: add 2x and 5x marks
                    for (long k = (long) Math.floor(lo); k <= (long) Math.ceil(hi); k++) {
                        for (double m : new double[]{2, 5}) {
                            double t = Math.log10(m) + k;
                            if (t >= lo && t <= hi) {
                                ticks.add(m * Math.pow(10, k));
                            }
                        }
                    }
                    ticks.sort(Double::compare);
                }
                return new Axis(true, lo, hi, 1, ticks, p0, p1);
            }
            double step = niceStep((hi - lo) / 5);
            for (long k = (long) Math.ceil(lo / step); k <= (long) Math.floor(hi / step); k++) {
                ticks.add(k == 0 ? 0.0 : k * step); // by index, not by repeated addition, so ticks do not drift
            }
            return new Axis(false, lo, hi, step, ticks, p0, p1);
        }

        /** 1, 2 or 5 times a power of ten: tick labels a person can read. */
        static double niceStep(double raw) {
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / mag;
            return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
        }

        double pixel(double v) {
            double t = log ? Math.log10(v) : v;
            return p0 + (t - lo) / (hi - lo) * (p1 - p0);
        }

        String label(double v) {
            if (log) {
                double k = Math.log10(v);
                long rk = Math.round(k);
                if (Math.abs(k - rk) < 1e-9) {
                    return rk >= -3 && rk <= 4 ? decade(rk) : "1e" + rk;
                }
                // a 2x or 5x mark: one significant digit, written out in the range people read easily
                java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(1));
                return v >= 1e-3 && v < 1e5 ? b.stripTrailingZeros().toPlainString()
                        : String.format(Locale.ROOT, "%.0e", v);
            }
            double scale = Math.max(Math.abs(lo), Math.abs(hi));
            if (scale >= 1e5 || scale < 1e-3) {
                return String.format(Locale.ROOT, "%.2g", v);
            }
            int decimals = (int) Math.max(0, -Math.floor(Math.log10(step)));
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }

        /** 10^k written out from k itself, so no floating-point residue like 0.0010000000000000002 shows. */
        private static String decade(long k) {
            return k >= 0 ? "1" + "0".repeat((int) k) : "0." + "0".repeat((int) (-k - 1)) + "1";
        }
    }
}
