package org.ftverify.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;

/**
 * Candidate simplifications of a failing point, simplest first: each parameter moved to its simple value, halfway
 * toward it, or rounded to fewer significant digits; choices moved toward the front of their list. Dimension-like
 * integer parameters therefore shrink toward small d and few steps, which makes counterexamples cheap to replay.
 */
final class Shrinker {
    private Shrinker() {}

    static List<Params> candidates(ParameterSpace space, Params point) {
        List<Params> out = new ArrayList<>();
        for (Parameter p : space.parameters()) {
            for (Object v : simpler(p, point.get(p.name()))) {
                Params c = point.with(p.name(), v);
                if (!c.equals(point) && space.admissible(c)) out.add(c);
            }
        }
        return out;
    }

    private static List<Object> simpler(Parameter p, Object current) {
        LinkedHashSet<Object> vs = new LinkedHashSet<>();
        switch (p.kind()) {
            case CHOICE -> {
                int i = p.choices().indexOf((String) current);
                for (int j = 0; j < i; j++) vs.add(p.choices().get(j));
            }
            case INT -> {
                int cur = (Integer) current, simple = (Integer) p.simple();
                vs.add(simple);
                int mid = p.logScale() ? (int) Math.round(Math.sqrt((double) cur * simple)) : (cur + simple) / 2;
                vs.add(mid);
                vs.add(cur > simple ? cur - 1 : cur + 1);
                vs.remove(cur);
            }
            case REAL -> {
                double cur = (Double) current, simple = ((Number) p.simple()).doubleValue();
                vs.add(simple);
                vs.add(clamp(p, 0.5 * (cur + simple)));
                for (int digits = 1; digits <= 3; digits++) vs.add(clamp(p, round(cur, digits)));
                vs.remove(cur);
            }
        }
        return new ArrayList<>(vs);
    }

    private static double round(double v, int significantDigits) {
        if (v == 0 || !Double.isFinite(v)) return v;
        return new BigDecimal(v).round(new MathContext(significantDigits)).doubleValue();
    }

    private static double clamp(Parameter p, double v) {
        return Math.max(p.lo(), Math.min(p.hi(), v));
    }
}
