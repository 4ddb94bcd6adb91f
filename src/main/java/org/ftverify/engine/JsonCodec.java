package org.ftverify.engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.Params;
import org.ftverify.core.Series;

/** Gson tree conversions of the claim model, in the schema documented in docs/reading-the-report.adoc. */
public final class JsonCodec {
    /** Non-finite numbers are legal evidence (a NaN gap is a finding), so they are written as NaN/Infinity. */
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    private JsonCodec() {}

    public static JsonObject params(Params p) {
        JsonObject o = new JsonObject();
        for (Map.Entry<String, Object> e : p.asMap().entrySet()) o.add(e.getKey(), primitive(e.getValue()));
        return o;
    }

    public static JsonElement primitive(Object v) {
        if (v == null) return JsonNull.INSTANCE;
        if (v instanceof Number n) return new JsonPrimitive(n);
        if (v instanceof Boolean b) return new JsonPrimitive(b);
        return new JsonPrimitive(String.valueOf(v));
    }

    public static JsonElement number(double v) {
        return Double.isNaN(v) ? JsonNull.INSTANCE : new JsonPrimitive(v);
    }

    public static JsonObject evidence(TryRecord t) {
        Evidence e = t.evidence();
        JsonObject o = new JsonObject();
        o.add("params", params(t.params()));
        o.addProperty("seed", t.seed());
        o.addProperty("verdict", e.verdict().name());
        o.add("reason", primitive(e.inconclusiveReason()));
        JsonArray cs = new JsonArray();
        for (Comparison c : e.comparisons()) cs.add(comparison(c));
        o.add("comparisons", cs);
        JsonObject d = new JsonObject();
        e.diagnostics().forEach(d::addProperty);
        o.add("diagnostics", d);
        JsonArray ss = new JsonArray();
        for (Series s : e.series()) ss.add(series(s));
        o.add("series", ss);
        return o;
    }

    public static JsonObject comparison(Comparison c) {
        JsonObject o = new JsonObject();
        o.addProperty("quantity", c.quantity());
        o.add("predicted", number(c.predicted()));
        o.add("observed", number(c.observed()));
        o.add("gap", number(c.gap()));
        o.add("tolerance", number(c.tolerance()));
        o.add("normalisedGap", number(c.normalisedGap()));
        o.addProperty("derivation", c.derivation());
        evidenceKind(o, c);
        return o;
    }

    /**
     * What kind of evidence the comparison is, how fine an error it can detect, and whether it is one-sided: the
     * report groups independent and consistency comparisons, shows the resolution, and prints "≥ bound" instead of a
     * prediction for a one-sided check.
     */
    static void evidenceKind(JsonObject o, Comparison c) {
        o.addProperty("kind", c.kind().name());
        o.add("resolution", number(c.resolution()));
        o.addProperty("relation", oneSided(c) ? "atLeast" : "equal");
    }

    /**
     * True for a comparison made by Comparison.atLeast (also behind Tolerance.atLeast/atMost): its gap is 0 when the
     * observation clears the bound and tolerance + shortfall when it does not, which |observed - predicted| never is.
     */
    static boolean oneSided(Comparison c) {
        double p = c.predicted(), o = c.observed(), g = c.gap(), t = c.tolerance();
        if (Double.isNaN(o)) return c.gap() == Double.POSITIVE_INFINITY && c.derivation() != null && c.derivation().startsWith("one-sided");
        if (g == 0) return o > p;
        double shortfall = t + (p - o);
        return o < p && Math.abs(g - shortfall) <= 1e-12 * Math.max(Math.abs(shortfall), Math.abs(p) + t);
    }

    public static JsonArray strings(java.util.List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    public static JsonObject series(Series s) {
        JsonObject o = new JsonObject();
        o.addProperty("plot", s.plot());
        o.addProperty("name", s.name());
        o.addProperty("role", s.role().name().toLowerCase());
        o.addProperty("xLabel", s.xLabel());
        o.addProperty("yLabel", s.yLabel());
        o.addProperty("logX", s.logX());
        o.addProperty("logY", s.logY());
        o.add("x", array(s.x()));
        o.add("y", array(s.y()));
        o.add("err", s.err() == null ? JsonNull.INSTANCE : array(s.err()));
        return o;
    }

    private static JsonArray array(double[] v) {
        JsonArray a = new JsonArray();
        for (double x : v) a.add(number(x));
        return a;
    }

    public static JsonObject tryRow(TryRecord t) {
        JsonObject o = new JsonObject();
        o.addProperty("index", t.index());
        o.addProperty("phase", t.phase());
        o.addProperty("seed", t.seed());
        o.add("params", params(t.params()));
        o.addProperty("verdict", t.verdict().name());
        o.add("normalisedGap", number(t.normalisedGap()));
        o.addProperty("seconds", t.seconds());
        o.add("reason", primitive(t.evidence().inconclusiveReason()));
        return o;
    }
}
