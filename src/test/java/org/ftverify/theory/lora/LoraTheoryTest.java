package org.ftverify.theory.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ftverify.core.Claim;
import org.ftverify.core.Mutant;
import org.ftverify.core.TheoryRegistry;
import org.junit.jupiter.api.Test;

/** The theory's shape (theory page, anchor lora-model): claims in the page's order, linked, mutants naming what they break. */
class LoraTheoryTest {
    private final LoraTheory theory = new LoraTheory();

    @Test
    void claimsComeInThePagesOrderWithTheirLinks() {
        List<Claim> claims = theory.claims();
        assertEquals(List.of("lora.ode-tracks-sgd", "lora.drift-matches-sgd", "lora.saddle-rate-identities", "lora.reference-tau",
                        "lora.saddle-growth-rate", "lora.log-search-phase", "lora.relu-half-speed", "lora.pretraining-hurts",
                        "lora.odd-hermite-interior-divergence", "lora.noise-plateau", "lora.population-loss", "lora.fixed-point-symmetry",
                        "lora.even-bias-instability"),
                claims.stream().map(Claim::id).toList());
        for (Claim c : claims) {
            assertTrue(c.cites() != null && c.cites().startsWith("lora-"), c.id() + " cites its theory-page anchor");
            assertFalse(c.uses().isEmpty(), c.id() + " names the proof steps it rests on");
            assertFalse(c.reads().isEmpty(), c.id() + " names the model quantities it reads");
            assertFalse(c.statement().isBlank());
            assertFalse(c.provenance().isBlank());
            assertTrue(c.space().admissible(c.space().simplest()), c.id() + " simplest point admissible");
        }
    }

    @Test
    void everyMutantNamesTheClaimsItMustBreakAndEveryClaimHasAProbe() {
        for (Mutant m : theory.mutants()) assertFalse(m.breaks().isEmpty(), m.name() + " names the claims it must break");
        assertTrue(theory.mutants().stream().anyMatch(m -> m.name().equals("lora-tau-x1.1")), "README's mutant example");
        for (Claim c : theory.claims())
            assertTrue(theory.powerProbes().stream().anyMatch(p -> p.claimId().equals(c.id())), c.id() + " has a power probe");
    }

    @Test
    void loadsThroughTheServiceLoaderWithItsLinksChecked() {
        assertTrue(TheoryRegistry.load().theories().stream().anyMatch(t -> t.id().equals("lora")));
    }
}
