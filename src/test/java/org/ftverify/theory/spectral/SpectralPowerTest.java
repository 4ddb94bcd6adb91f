package org.ftverify.theory.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ftverify.core.Claim;
import org.ftverify.core.Comparison;
import org.ftverify.core.PowerProbe;
import org.ftverify.core.Theory;
import org.ftverify.testing.MutantFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measured power at the default points: for every power probe of {@link SpectralTheory#probes()} (one per quantity a claim
 * checks), the theory with that quantity 10 % too large and 10 % too small is FALSIFIED at the claim's default point, where
 * the exact theory is VERIFIED (same seed, quick level), and every claim has a probe and an independent comparison.
 */
class SpectralPowerTest {
    private static final Theory SPECTRAL = new SpectralTheory();
    private static final double DELTA = 0.1;

    static Stream<PowerProbe> probes() {
        return SPECTRAL.powerProbes().stream();
    }

    @ParameterizedTest
    @MethodSource("probes")
    void tenPercentOffIsFalsifiedBothWays(PowerProbe probe) {
        Claim exact = MutantFixture.claim(SPECTRAL, probe.claimId());
        assertTrue(MutantFixture.check(exact, Map.of()).comparisons().stream().anyMatch(Comparison::independent),
                probe.claimId() + " needs an independent comparison");
        for (double delta : new double[] {DELTA, -DELTA}) {
            Claim off = probe.claimsAt().apply(delta).stream().filter(c -> c.id().equals(probe.claimId())).findFirst().orElseThrow();
            MutantFixture.assertDiscriminates(exact, Map.of(), off);
        }
    }

    @org.junit.jupiter.api.Test
    void everyClaimHasAProbe() {
        Set<String> probed = SPECTRAL.powerProbes().stream().map(PowerProbe::claimId).collect(Collectors.toSet());
        Set<String> claims = SPECTRAL.claims().stream().map(Claim::id).collect(Collectors.toSet());
        assertEquals(claims, probed);
    }
}
