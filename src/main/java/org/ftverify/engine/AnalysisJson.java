package org.ftverify.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import org.ftverify.core.Params;

/** JSON of a {@link RunAnalysis} (targeted search, shrinking, finite-size ladders) for results.json and explore files. */
public final class AnalysisJson {
    private AnalysisJson() {}

    public static JsonObject of(RunAnalysis a) {
        JsonObject o = new JsonObject();
        o.add("search", a.search() == null ? JsonNull.INSTANCE : search(a.search()));
        o.add("shrink", a.shrink() == null ? JsonNull.INSTANCE : shrink(a.shrink()));
        o.add("scaling", a.scaling() == null ? JsonNull.INSTANCE : scaling(a.scaling()));
        return o;
    }

    static JsonObject search(RunAnalysis.Search s) {
        JsonObject o = new JsonObject();
        o.addProperty("budget", s.budget());
        o.addProperty("moves", s.moves());
        o.addProperty("confirmations", s.confirmations());
        o.addProperty("unconfirmed", s.unconfirmed());
        o.add("randomBestNormalisedGap", JsonCodec.number(s.randomBest()));
        o.add("searchBestNormalisedGap", JsonCodec.number(s.searchBest()));
        o.add("searchBestParams", params(s.bestParams()));
        o.addProperty("falsified", s.falsified());
        return o;
    }

    static JsonObject shrink(RunAnalysis.Shrink s) {
        JsonObject o = new JsonObject();
        o.addProperty("evaluations", s.evaluations());
        o.add("originalNormalisedGap", JsonCodec.number(s.originalGap()));
        o.add("shrunkNormalisedGap", JsonCodec.number(s.shrunkGap()));
        o.add("from", params(s.from()));
        o.add("to", params(s.to()));
        return o;
    }

    public static JsonObject scaling(ScalingVerdict.Outcome s) {
        JsonObject o = new JsonObject();
        o.addProperty("verdict", s.verdict().name());
        o.addProperty("reason", s.reason());
        JsonArray fits = new JsonArray();
        for (ScalingVerdict.Fit f : s.fits()) {
            JsonObject fo = new JsonObject();
            fo.addProperty("kind", f.scaling().kind().name().toLowerCase(java.util.Locale.ROOT));
            fo.addProperty("parameter", f.scaling().parameter());
            fo.addProperty("expectedOrder", f.scaling().order());
            fo.add("order", JsonCodec.number(f.order()));
            fo.add("orderSe", JsonCodec.number(f.orderSe()));
            fo.add("tQuantile", JsonCodec.number(f.t()));
            fo.addProperty("finiteSize", f.finiteSize());
            fo.addProperty("text", f.text());
            JsonArray rungs = new JsonArray();
            for (ScalingVerdict.Rung r : f.rungs()) {
                JsonObject ro = new JsonObject();
                ro.addProperty("value", r.value());
                ro.add("gap", JsonCodec.number(r.gap()));
                ro.add("tolerance", JsonCodec.number(r.tolerance()));
                ro.addProperty("seconds", r.run().seconds());
                rungs.add(ro);
            }
            fo.add("rungs", rungs);
            fits.add(fo);
        }
        o.add("fits", fits);
        return o;
    }

    private static com.google.gson.JsonElement params(Params p) {
        return p == null ? JsonNull.INSTANCE : JsonCodec.params(p);
    }
}
