package org.ftverify.theory.lora;

import java.util.List;
import org.ftverify.core.Claim;

/** Placeholder until branch lora-sim is merged: its SimulationClaims (P1, P4–P9, P11) replaces this file. */
final class SimulationClaims {
    static List<Claim> all(LoraTheoryModel m) { return List.of(); }
}
