package org.ftverify.theory.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.Evidence;
import org.ftverify.core.PowerProbe;
import org.ftverify.core.Theory;
import org.ftverify.testing.MutantFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Measured power: for every claim, the theory with the quantity the claim checks off by a relative 10% (its power probe,
 * {@link RiskTheory#probes()}) is FALSIFIED at the claim's default point, where the exact theory is VERIFIED (same seed,
 * quick level), and the claim keeps at least one independent comparison. Prints the resolution tolerance/|predicted| of the
 * claim's independent comparisons at that point.
 */
class RiskPowerTest {
    private static final Theory RISK = new RiskTheory();
    private static final double DELTA = 0.1;

    @ParameterizedTest
    @ValueSource(strings = {TotalVarianceDecompositionClaim.ID, ForkEstimatorLateRevelationClaim.ID, BayesOptimalityOrthogonalIncrementsClaim.ID,
            LyapunovStationaryCovarianceClaim.ID, LinearRegressionSgdRiskClaim.ID, PowerLawEnvelopeClaim.ID, FisherVanTreesRateClaim.ID,
            BudgetOptimalDepthClaim.ID, CalibrationAlgorithm1Claim.ID, SlowestChannelDominatesClaim.ID, CmiCriterionOneDirectionalClaim.ID,
            PhaseDiagramRegimesClaim.ID})
    void tenPercentOffIsFalsified(String id) {
        List<PowerProbe> probes = RISK.powerProbes().stream().filter(p -> p.claimId().equals(id)).toList();
        assertEquals(1, probes.size(), "one power probe per claim: " + id);
        Claim off = probes.get(0).claimsAt().apply(DELTA).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        Claim exact = MutantFixture.claim(RISK, id);
        MutantFixture.assertDiscriminates(exact, Map.of(), off);
        Evidence e = MutantFixture.check(exact, Map.of());
        List<Comparison> independent = e.comparisons().stream().filter(Comparison::independent).filter(c -> Double.isFinite(c.resolution()))
                .sorted(Comparator.comparingDouble(Comparison::resolution)).toList();
        for (Comparison c : independent) System.out.printf("RES %s | %.3g | %s%n", id, c.resolution(), c.quantity());
        assertTrue(e.comparisons().stream().anyMatch(Comparison::independent), id + " needs at least one independent comparison");
        System.out.printf("POWER %s: probe '%s' x (1 + %.2g) falsified; %d independent and %d consistency comparisons%n", id, probes.get(0).quantity(), DELTA,
                independent.size(), e.comparisons().stream().filter(c -> !c.independent()).count());
    }
}
