package org.ftverify.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * The skeleton of a theory: it declares its model, its claims in the order the theory states them, and its mutants
 * as data (a name, what is wrong, the perturbed model, the claims it must break). One short subclass per theory:
 *
 * <pre>{@code
 * public final class ToyTheory extends TheoryDefinition<ToyModel> {
 *     public ToyTheory() { super("toy", "A toy theory", "A. Author, arXiv 0000.00000", List.of("[derived] ...")); }
 *     protected ToyModel exactModel() { return ToyModel.exact(); }
 *     protected List<Claim> claims(ToyModel m) { return List.of(RateClaim.build(m), FixedPointClaim.build(m)); }
 *     protected List<Perturbation<ToyModel>> perturbations() {
 *         return List.of(perturb("toy-rate-x1.1", "rate multiplied by 1.1", exactModel().withRateScale(1.1), RateClaim.ID));
 *     }
 * }
 * }</pre>
 *
 * The model must be immutable: the exact claims are built once and cached, mutant claims are built on demand.
 * Construction checks that claim ids are unique and carry the theory's prefix, and that every mutant names claims
 * that exist.
 *
 * @param <M> the theory's model: every prediction the claims read, perturbable for mutants
 */
public abstract class TheoryDefinition<M> implements Theory {
    private final String id;
    private final String title;
    private final String citation;
    private final List<String> provenance;
    private List<Claim> exactClaims;

    /** A wrong theory as data: the exact model with one thing changed, and the claims whose checks must reject it (none = all). */
    public record Perturbation<M>(String name, String description, M model, List<String> breaks) {}

    /** A power probe as data: the model with the quantity {@code claimId} checks off by a relative delta. */
    public record Probe<M>(String claimId, String quantity, DoubleFunction<M> perturbed) {}

    protected TheoryDefinition(String id, String title, String citation, List<String> provenance) {
        this.id = id;
        this.title = title;
        this.citation = citation;
        this.provenance = List.copyOf(provenance);
    }

    /** The theory as stated: the model every claim is built from. */
    protected abstract M exactModel();

    /** The claims built from a (possibly perturbed) model, in the theory's order. */
    protected abstract List<Claim> claims(M model);

    /** Mutants as data; the default is none (a theory with claims should have some: see docs/adding-a-theory.adoc). */
    protected List<Perturbation<M>> perturbations() {
        return List.of();
    }

    /**
     * Power probes: per claim, the model with the checked quantity off by a relative delta (the rate times 1 + delta,
     * the fixed point shifted by delta of its value). Goal: every claim rejects delta = 0.1 at the quick level.
     */
    protected List<Probe<M>> probes() {
        return List.of();
    }

    protected static <M> Probe<M> probe(String claimId, String quantity, DoubleFunction<M> perturbed) {
        return new Probe<>(claimId, quantity, perturbed);
    }

    @Override
    public final List<PowerProbe> powerProbes() {
        Set<String> ids = new HashSet<>();
        for (Claim c : claims()) ids.add(c.id());
        List<PowerProbe> out = new ArrayList<>();
        for (Probe<M> p : probes()) {
            if (!ids.contains(p.claimId())) throw new IllegalStateException("power probe names unknown claim '" + p.claimId() + "'");
            DoubleFunction<M> f = p.perturbed();
            out.add(new PowerProbe(p.claimId(), p.quantity(), delta -> claims(f.apply(delta))));
        }
        return List.copyOf(out);
    }

    /** A mutant entry: {@code breaks} are claim ids; none means every claim must reject it. */
    protected static <M> Perturbation<M> perturb(String name, String description, M model, String... breaks) {
        return new Perturbation<>(name, description, model, List.of(breaks));
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String citation() {
        return citation;
    }

    @Override
    public final List<String> provenance() {
        return provenance;
    }

    @Override
    public String proofPage() {
        return "proofs/" + id + ".adoc";
    }

    @Override
    public final synchronized List<Claim> claims() {
        if (exactClaims == null) exactClaims = checked(claims(exactModel()));
        return exactClaims;
    }

    @Override
    public final List<Mutant> mutants() {
        Set<String> ids = new HashSet<>();
        for (Claim c : claims()) ids.add(c.id());
        List<Mutant> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Perturbation<M> p : perturbations()) {
            if (!names.add(p.name())) throw new IllegalStateException("theory " + id + ": mutant name '" + p.name() + "' used twice");
            for (String b : p.breaks())
                if (!ids.contains(b)) throw new IllegalStateException("mutant " + p.name() + " names unknown claim '" + b + "'");
            M model = p.model();
            out.add(new Mutant(p.name(), p.description(), p.breaks(), () -> claims(model)));
        }
        return List.copyOf(out);
    }

    private List<Claim> checked(List<Claim> claims) {
        Set<String> seen = new HashSet<>();
        for (Claim c : claims) {
            if (!c.id().startsWith(id + "."))
                throw new IllegalStateException("claim " + c.id() + " of theory " + id + ": id must start with '" + id + ".'");
            if (!seen.add(c.id())) throw new IllegalStateException("theory " + id + ": claim id " + c.id() + " declared twice");
        }
        return List.copyOf(claims);
    }
}
