package org.ftverify.theory.icl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.ftverify.testing.MutantFixture;
import org.junit.jupiter.api.Test;

/** Every claim rejects the wrong theories that name it, at a point where the exact theory passes. */
class IclMutantTest {
    private static final IclTheory T = new IclTheory();

    @Test
    void familyARiskCatchesAMissingQuerySelfTerm() {
        MutantFixture.assertDiscriminates(T, FamilyARiskClaim.ID, Map.of("d", 5, "n", 3, "mu", 0.2, "W", 0.7, "task", "minus-theta0"),
                "icl-no-query-self-term", "L_A");
    }

    @Test
    void familyBRiskCatchesATenPercentError() {
        MutantFixture.assertDiscriminates(T, FamilyBRiskClaim.ID, Map.of("d", 5, "n", 20, "kappa", 1.9), "icl-family-b-risk-x1.1", "E_B");
    }

    @Test
    void pretrainingCatchesTheCodeConstantAndTheMissingTraceTerm() {
        Map<String, Object> p = Map.of("d", "5", "m", "5", "sigma2", "0.1");
        MutantFixture.assertDiscriminates(T, PretrainingClaim.ID, p, "icl-gamma-code-constant", "tr Γ/d");
        MutantFixture.assertDiscriminates(T, PretrainingClaim.ID, p, "icl-gamma-no-trace-term", "tr Γ/d", "pretraining risk");
    }

    @Test
    void zeroGradientStructureCatchesTheWrongBalanceLaw() {
        MutantFixture.assertDiscriminates(T, ZeroGradientClaim.ID, Map.of("d", 4, "loss", "few-shot", "n", 5), "icl-conservation-broken",
                "balance law");
    }

    @Test
    void valueOnlyCatchesWrongLimitAndRate() {
        Map<String, Object> p = Map.of("d", 5, "gamma", 0.8);
        MutantFixture.assertDiscriminates(T, ValueOnlyClaim.ID, p, "icl-value-limit-x1.1", "v_x[");
        MutantFixture.assertDiscriminates(T, ValueOnlyClaim.ID, p, "icl-value-rate-x1.2", "v_x[");
    }

    @Test
    void reducedFlowCatchesBrokenConservationAndMetric() {
        MutantFixture.assertDiscriminates(T, ReducedFlowClaim.ID, Map.of(), "icl-conservation-broken", "invariant");
        MutantFixture.assertDiscriminates(T, ReducedFlowClaim.ID, Map.of(), "icl-no-frobenius-metric", "invariant");
    }

    @Test
    void driftCheckCatchesTheMissingMetric() {
        MutantFixture.assertDiscriminates(T, ReducedDriftClaim.ID, Map.of("beta", 0.3), "icl-no-frobenius-metric", "drift α̇");
    }

    @Test
    void sgdFullZsCatchesTheWrongInvariantAndAFamilyAEndPoint() {
        Map<String, Object> p = Map.of("d", "3", "m", "5", "sigma2", "0.1");
        MutantFixture.assertDiscriminates(T, FullZsSgdClaim.ID, p, "icl-invariant-over-all-entries", "κ = Q00·v_y");
        MutantFixture.assertDiscriminates(T, FullZsSgdClaim.ID, p, "icl-full-zs-keeps-icl", "20-shot risk");
    }

    @Test
    void qOnlyCatchesATheoryThatKeepsIcl() {
        MutantFixture.assertDiscriminates(T, QOnlyClaim.ID, Map.of(), "icl-q-only-keeps-icl", "ICL kept");
    }

    @Test
    void crossingCatchesATenPercentError() {
        MutantFixture.assertDiscriminates(T, CrossingClaim.ID, Map.of("W", 0.7692307692307693), "icl-n-cross-x1.1", "printed value");
    }

    @Test
    void auxiliaryFewShotCatchesWStarAtTheWrongN() {
        MutantFixture.assertDiscriminates(T, AuxiliaryFewShotClaim.ID, Map.of("N", "5"), "icl-w-star-wrong-n", "W at the end");
    }

    @Test
    void largeNCatchesThePapersLimit() {
        MutantFixture.assertDiscriminates(T, LargeNClaim.ID, Map.of("task", "minus-theta0"), "icl-paper-limit", "w*(∞");
    }

    @Test
    void unseenPenaltyCatchesTheLargeNFactor() {
        MutantFixture.assertDiscriminates(T, UnseenPenaltyClaim.ID, Map.of("n", 5), "icl-penalty-large-n", "unseen-task penalty");
    }

    @Test
    void everyClaimHasAMutantAndAProbe() {
        for (var c : T.claims()) {
            assertEquals(true, T.mutants().stream().anyMatch(m -> m.breaks().contains(c.id())), "no mutant names " + c.id());
            assertEquals(true, T.powerProbes().stream().anyMatch(p -> p.claimId().equals(c.id())), "no probe for " + c.id());
        }
    }
}
