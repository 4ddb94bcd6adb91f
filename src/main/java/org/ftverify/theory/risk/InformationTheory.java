package org.ftverify.theory.risk;

/**
 * The CMI criterion (docs/theory/risk.adoc#risk-p11): the risk after a probe is L_prior - Var(E[R|I]) (law of total
 * variance), so a probe that leaves the conditional mean unchanged reduces nothing, whatever its CMI; for jointly
 * Gaussian variables L_post = L_prior exp(-2 I).
 *
 * @param equivalence a mutant: "reduction iff CMI > 0", quantified by L_prior exp(-2 I) for every probe
 * @param riskScale   power probes: L_post multiplied by this factor
 */
public record InformationTheory(boolean equivalence, double riskScale) {

    public double probedRisk(double priorRisk, double cmi, double varianceOfMean) {
        return riskScale * (equivalence ? priorRisk * Math.exp(-2 * cmi) : priorRisk - varianceOfMean);
    }

    public double gaussianProbedRisk(double priorRisk, double cmi) {
        return riskScale * priorRisk * Math.exp(-2 * cmi);
    }
}
