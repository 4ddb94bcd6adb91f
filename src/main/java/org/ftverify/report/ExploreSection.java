package org.ftverify.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ftverify.core.Num;

/**
 * The report's "Explored claims" section: one subsection per target/ftverify/explore/&lt;claim&gt;.json written by
 * {@code ./ftverify explore}: what the random tries and the targeted search found, the closest approach to failure,
 * which parameters move gap/tol, the margin map ({@link MarginMap}) and, when a failure was found, its shrinking,
 * finite-size verdict and replay command. Empty (no section) when nothing was explored.
 */
public final class ExploreSection {
    private ExploreSection() {}

    /** The section for every explore file in {@code dir} (sorted by name); "" when there is none. */
    public static String render(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) return "";
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            return "";
        }
        if (files.isEmpty()) return "";
        StringBuilder a = new StringBuilder("[[explored-claims]]\n== Explored claims\n\n");
        a.append("Written by `./ftverify explore --claim C`: the engine's random tries for the claim, then a targeted search that climbs ")
                .append("gap/tolerance (a failure counts only when it repeats at a fresh seed). Each map shows gap/tol over the two ")
                .append("parameters that move it most.\n\n");
        for (Path f : files) {
            try {
                section(a, JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject(), f);
            } catch (IOException | RuntimeException e) {
                a.append("WARNING: ").append(lit("explore file " + f.getFileName() + " could not be read: " + e.getMessage())).append("\n\n");
            }
        }
        return a.toString();
    }

    static void section(StringBuilder a, JsonObject o, Path file) {
        String claim = o.get("claim").getAsString();
        boolean mutant = present(o, "mutant");
        a.append("[[explore-").append(claim.replaceAll("[^A-Za-z0-9._-]", "-")).append("]]\n=== ").append(lit(claim))
                .append(mutant ? " (MUTANT " + lit(o.get("mutant").getAsString()) + ")" : "").append("\n\n");
        if (mutant) a.append("NOTE: This exploration ran a deliberately wrong theory (a mutant): its failures demonstrate the search, ")
                .append("they are not findings about the claim.\n\n");
        a.append("*Verdict of the exploration:* ").append(lit(o.get("verdict").getAsString())).append(" · level ")
                .append(lit(o.get("level").getAsString())).append(" · run seed ").append(lit(o.get("runSeed").getAsString()))
                .append(" · budget ").append(o.get("budget").getAsInt()).append(" search moves · ")
                .append(o.getAsJsonArray("evaluations").size()).append(" evaluations in ").append(lit(Num.fmt(o.get("seconds").getAsDouble()) + " s"))
                .append("\n\n");
        JsonObject random = obj(o, "random"), search = obj(o, "search");
        a.append("* Random tries (as `verify` runs them): ").append(random.get("tries").getAsInt()).append(", ")
                .append(obj(random, "firstFailure") == null ? "none failed (largest gap/tol " + gap(random.get("bestNormalisedGap")) + ")"
                        : "failure at " + point(obj(random, "firstFailure"))).append(".\n");
        a.append("* Targeted search: ").append(search.get("moves").getAsInt()).append(" moves, ")
                .append(search.get("confirmations").getAsInt()).append(" confirmation runs, ")
                .append(search.get("unconfirmed").getAsInt()).append(" unconfirmed excursions; ")
                .append(obj(search, "firstConfirmedFailure") == null ? "no confirmed failure"
                        : "first confirmed failure " + point(obj(search, "firstConfirmedFailure"))
                        + (obj(search, "confirmation") == null ? "" : ", confirmed at a fresh seed with gap/tol " + gap(obj(search, "confirmation").get("normalisedGap"))))
                .append(obj(search, "best") == null ? "" : "; highest gap/tol reached " + gap(obj(search, "best").get("normalisedGap")))
                .append(".\n");
        a.append("* Closest approach to failure (largest gap/tol among passing points): ")
                .append(obj(o, "closestApproach") == null ? "none (no point passed)" : point(obj(o, "closestApproach"))).append(".\n");
        String sens = o.getAsJsonArray("sensitivity").asList().stream().map(JsonElement::getAsJsonObject)
                .map(s -> s.get("parameter").getAsString() + " " + gap(s.get("eta2"))).collect(Collectors.joining(", "));
        a.append("* Share of gap/tol variance explained by each parameter alone (eta²): ").append(lit(sens)).append(".\n\n");
        try {
            a.append("++++\n<div class=\"ftv-plot-box\">\n").append(MarginMap.render(o)).append("</div>\n++++\n\n");
        } catch (RuntimeException e) {
            a.append("WARNING: ").append(lit("no margin map: " + e.getMessage())).append("\n\n");
        }
        JsonObject r = obj(o, "result");
        if (r != null) {
            a.append("*After shrinking and the finite-size ladders:* ").append(lit(r.get("verdict").getAsString())).append(". ")
                    .append(present(r, "note") ? lit(r.get("note").getAsString()) : "").append("\n\n");
            if (present(r, "reproduce")) a.append("Replay:\n\n----\n").append(r.get("reproduce").getAsString()).append("\n----\n\n");
        }
        a.append("Re-run this exploration:\n\n----\n").append(o.get("command").getAsString()).append("\n----\n\n");
        a.append("Data: `").append(file.getFileName().toString().replace("`", "")).append("` (every evaluated point).\n\n");
    }

    private static String point(JsonObject t) {
        String params = t.getAsJsonObject("params").entrySet().stream().map((Map.Entry<String, JsonElement> e) -> e.getKey() + " = "
                + (e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isNumber() ? Num.sig(e.getValue().getAsDouble(), 4)
                : e.getValue().getAsString())).collect(Collectors.joining(", "));
        return lit("#" + t.get("n").getAsInt() + " {" + params + "} seed " + t.get("seed").getAsString() + ", "
                + t.get("verdict").getAsString() + " with gap/tol " + gap(t.get("normalisedGap")));
    }

    /** A member that is an object, or null when absent or JSON null (Gson leaves null members out when writing). */
    static JsonObject obj(JsonObject o, String key) {
        return o != null && o.has(key) && o.get(key).isJsonObject() ? o.getAsJsonObject(key) : null;
    }

    static boolean present(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull();
    }

    private static String gap(JsonElement e) {
        return e == null || e.isJsonNull() ? "n/a" : Num.sig(e.getAsDouble(), 3);
    }

    /** Literal text in AsciiDoc: an inline passthrough of escaped HTML (no markup is interpreted). */
    static String lit(String text) {
        if (text == null || text.isBlank()) return "";
        return "pass:[" + MarginMap.esc(text.replace('\n', ' ')).replace("\\", "&#92;").replace("]", "\\]").replace("|", "&#124;") + "]";
    }
}
