package org.ftverify.theory.risk;

import java.util.List;
import java.util.Set;
import org.ftverify.core.Claim;
import org.ftverify.core.Mutant;

/**
 * Deliberately wrong versions of the theory. Each names the claims it targets (the claims whose checks must reject
 * it); {@code ./ftverify verify --mutant NAME} runs exactly those claims built from the perturbed model.
 */
final class RiskMutants {
    private RiskMutants() {}

    record Spec(String name, String description, RiskTheoryModel model, Set<String> targets) {
        Mutant mutant() {
            return new Mutant(name, description + " (targets " + String.join(", ", targets) + ")", () -> claims(model, targets));
        }
    }

    static List<Spec> specs() {
        RiskTheoryModel x = RiskTheoryModel.exact();
        return List.of(
                new Spec("risk-static-intrinsic-limit", "L_int taken as purely static: the mismatch-seed coupling tr(H Psi H S_T) dropped from L(c)",
                        x.withStaticIntrinsicLimit(), Set.of(DecompositionClaim.ID)));
    }

    static List<Mutant> all() {
        return specs().stream().map(Spec::mutant).toList();
    }

    static List<Claim> claims(RiskTheoryModel model, Set<String> ids) {
        return RiskClaims.all(model).stream().filter(c -> ids.contains(c.id())).toList();
    }
}
