package org.ftverify.theory.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ftverify.core.Claim;
import org.junit.jupiter.api.Test;

class SimulationClaimsTest {

    @Test
    void listsTheEightSimulationClaimsInPOrder() {
        List<Claim> claims = SimulationClaims.all(LoraTheoryModel.exact());
        assertEquals(List.of("lora.ode-tracks-sgd", "lora.saddle-growth-rate", "lora.log-search-phase", "lora.relu-half-speed",
                        "lora.pretraining-hurts", "lora.odd-hermite-interior-divergence", "lora.noise-plateau", "lora.fixed-point-symmetry"),
                claims.stream().map(Claim::id).toList());
        String[] p = {"P1 ", "P4 ", "P5 ", "P6 ", "P7 ", "P8 ", "P9 ", "P11 "};
        for (int i = 0; i < p.length; i++) {
            Claim c = claims.get(i);
            assertTrue(c.title().startsWith(p[i] + "—"), c.title());
            assertFalse(c.statement().isBlank());
            assertTrue(c.asciidoc().contains("symja:["), c.id() + " shows its maths");
            assertFalse(c.provenance().isBlank());
            assertTrue(c.space().admissible(c.space().simplest()), c.id() + " simplest point admissible");
        }
    }

    @Test
    void rejectsAMissingModel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulationClaims.all(null));
        assertTrue(e.getMessage().startsWith("model:"));
    }
}
