package org.ftverify.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The parameters of a claim plus optional constraints between them (e.g. "gamma0 <= 0.5 for He3").
 * Generation and shrinking only ever produce admissible points.
 */
public final class ParameterSpace {
    private final List<Parameter> parameters;
    private final List<Constraint> constraints;

    public record Constraint(String description, Predicate<Params> test) {}

    private ParameterSpace(List<Parameter> parameters, List<Constraint> constraints) {
        this.parameters = List.copyOf(parameters);
        this.constraints = List.copyOf(constraints);
    }

    public static ParameterSpace of(Parameter... ps) {
        return new ParameterSpace(List.of(ps), List.of());
    }

    public ParameterSpace constrained(String description, Predicate<Params> test) {
        List<Constraint> cs = new ArrayList<>(constraints);
        cs.add(new Constraint(description, test));
        return new ParameterSpace(parameters, cs);
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    public Parameter parameter(String name) {
        for (Parameter p : parameters) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("unknown parameter '" + name + "'; allowed: " + Parameter.describe(parameters));
    }

    public boolean admissible(Params p) {
        for (Constraint c : constraints) if (!c.test().test(p)) return false;
        return true;
    }

    /** The point where every parameter takes its simple value. */
    public Params simplest() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Parameter p : parameters) m.put(p.name(), p.simple());
        return new Params(m);
    }

    /**
     * Builds a point from raw values (text or JSON numbers), checking names, ranges and constraints. Missing
     * parameters take their simple value. Every error names the parameter and the allowed range.
     */
    public Params parse(Map<String, ?> raw) {
        for (String k : raw.keySet()) parameter(k);
        Map<String, Object> m = new LinkedHashMap<>();
        for (Parameter p : parameters) m.put(p.name(), raw.containsKey(p.name()) ? p.coerce(raw.get(p.name())) : p.simple());
        Params point = new Params(m);
        for (Constraint c : constraints) {
            if (!c.test().test(point)) throw new IllegalArgumentException("parameters " + point + " violate the constraint: " + c.description());
        }
        return point;
    }
}
