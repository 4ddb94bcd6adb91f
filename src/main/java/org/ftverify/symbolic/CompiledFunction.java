package org.ftverify.symbolic;

import java.util.List;

/** A {@link NumericFunction} backed by a tree of {@link NumericNode}s. */
final class CompiledFunction implements NumericFunction {
    private final NumericNode root;
    private final List<String> variables;
    private final String form;
    private final String source;

    CompiledFunction(NumericNode root, List<String> variables, String form, String source) {
        this.root = root;
        this.variables = List.copyOf(variables);
        this.form = form;
        this.source = source;
    }

    @Override
    public double value(double... args) {
        if (args.length != variables.size()) {
            throw new IllegalArgumentException("expected " + variables.size() + " argument(s) " + variables
                    + ", got " + args.length);
        }
        return root.eval(args);
    }

    @Override
    public List<String> variables() {
        return variables;
    }

    @Override
    public String form() {
        return form;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "NumericFunction[" + form + ", " + variables + " -> " + CasException.abbreviate(source) + "]";
    }
}
