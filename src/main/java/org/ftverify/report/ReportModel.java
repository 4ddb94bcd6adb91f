package org.ftverify.report;

import com.google.gson.JsonElement;

import java.util.List;
import java.util.Map;

/**
 * The two JSON inputs of the report (results.json, proofs.json), as Gson reads them.
 * Field names follow notes/results-schema.md exactly. Numbers that the schema allows to be null are boxed,
 * so the report can say "not run" instead of printing a made-up 0.
 */
public final class ReportModel {
    private ReportModel() {
    }

    /** The four verdicts, in the order the report lists them. */
    public static final List<String> VERDICTS = List.of("VERIFIED", "FALSIFIED", "INCONCLUSIVE", "NOT_RUN");

    public record Results(String tool, String version, String level, Long runSeed, String startedAt,
                          Double elapsedSeconds, String command, Environment environment, List<Theory> theories) {
    }

    public record Environment(String java, String javaVendor, String os, String cpu, Integer cores,
                              Boolean vectorApi, String vectorSpecies, Map<String, String> libraries) {
    }

    public record Theory(String id, String title, String citation, List<String> provenance, String proof,
                         String theoryPage, List<Claim> claims) {
    }

    public record Claim(String id, String title, String statement, String asciidoc, String provenance,
                        String verdict, Double normalisedGap, Double seconds, Integer triesRun,
                        Integer triesInconclusive, String reproduce, String counterexample, String note,
                        List<Parameter> parameters, List<Try> tries, Worst worst, String cites,
                        List<String> uses, List<String> reads, String theoryPage) {
        /** The proof steps the claim rests on; empty when none are recorded. */
        public List<String> usesOrEmpty() {
            return uses == null ? List.of() : uses;
        }

        public List<String> readsOrEmpty() {
            return reads == null ? List.of() : reads;
        }
    }

    public record Parameter(String name, String kind, String range, String simple, String description) {
    }

    public record Try(Integer index, Long seed, Map<String, JsonElement> params, String verdict,
                      Double normalisedGap, Double seconds, String reason) {
    }

    public record Worst(Map<String, JsonElement> params, Long seed, String verdict, String reason,
                        List<Comparison> comparisons, Map<String, JsonElement> diagnostics, List<Series> series) {
    }

    /**
     * kind is INDEPENDENT or CONSISTENCY (null in results written before kinds existed: read as independent);
     * resolution is tolerance/|predicted|; relation is "atLeast" for a one-sided check (predicted is then the bound).
     */
    public record Comparison(String quantity, Double predicted, Double observed, Double gap, Double tolerance,
                             Double normalisedGap, String derivation, String kind, Double resolution,
                             String relation) {
        public boolean independent() {
            return !"CONSISTENCY".equals(kind);
        }

        public boolean oneSided() {
            return "atLeast".equals(relation);
        }
    }

    /** One curve of a plot; role is "theory" (drawn as a line) or "simulation" (points with error bars). */
    public record Series(String plot, String name, String role, String xLabel, String yLabel, Boolean logX,
                         Boolean logY, double[] x, double[] y, double[] err) {
    }

    public record Proofs(List<Proof> proofs) {
    }

    public record Proof(String file, String title, Integer checked, Integer failed, Integer errors,
                        String annotatedAsciidoc, List<ProofStep> steps) {
    }

    public record ProofStep(String id, String title, String input, String output, String outputMathML,
                            String kind, String status, String message, Double seconds) {
    }
}
