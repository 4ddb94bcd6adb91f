package org.ftverify.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ftverify.core.Parameter;
import org.ftverify.core.ParameterSpace;
import org.ftverify.core.Params;

/**
 * Seeded random points of a parameter space. Each coordinate lands on a corner (its lower or upper end) with
 * probability {@value #CORNER_PROBABILITY}, because theories most often break at the edges of their domain.
 * Integer parameters marked log-scale (dimensions, step counts) are drawn log-uniformly.
 */
final class PointGenerator {
    static final double CORNER_PROBABILITY = 0.25;
    private static final int MAX_REJECTIONS = 10_000;

    private PointGenerator() {}

    static Params random(ParameterSpace space, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Parameter p : space.parameters()) m.put(p.name(), draw(p, rng));
            Params point = new Params(m);
            if (space.admissible(point)) return point;
        }
        throw new IllegalStateException("no admissible point found in " + MAX_REJECTIONS + " draws; constraints: "
                + space.constraints());
    }

    private static Object draw(Parameter p, SplittableRandom rng) {
        boolean corner = rng.nextDouble() < CORNER_PROBABILITY;
        boolean upper = rng.nextBoolean();
        return switch (p.kind()) {
            case CHOICE -> p.choices().get(rng.nextInt(p.choices().size()));
            case INT -> {
                if (corner) yield (int) (upper ? p.hi() : p.lo());
                if (p.logScale()) {
                    double v = Math.exp(Math.log(p.lo()) + rng.nextDouble() * (Math.log(p.hi()) - Math.log(p.lo())));
                    yield (int) Math.max(p.lo(), Math.min(p.hi(), Math.round(v)));
                }
                yield (int) p.lo() + rng.nextInt((int) (p.hi() - p.lo()) + 1);
            }
            case REAL -> corner ? (upper ? p.hi() : p.lo()) : p.lo() + rng.nextDouble() * (p.hi() - p.lo());
        };
    }
}
