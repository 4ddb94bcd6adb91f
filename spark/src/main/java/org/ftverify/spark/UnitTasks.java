package org.ftverify.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.ftverify.core.Theory;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.engine.EngineConfig;
import org.ftverify.engine.Plan;
import org.ftverify.engine.PropertyEngine;
import org.ftverify.engine.ShardMerge;
import org.ftverify.engine.ShardRecords;
import org.ftverify.engine.ShardRunner;
import org.ftverify.engine.ShardSearch;

/**
 * What the executors run. A task gets unit ids (or claim ids for the search) and returns record lines; the plan and,
 * for the search, the try records travel as broadcast JSON text. Claims are rebuilt from their ids by the theories on
 * the executor's class path, once per executor JVM, like a shard's per-JVM caches. The evaluation is the shard's
 * ({@link ShardRunner#recordLine}, {@link ShardSearch#record}): nothing of it is written again here.
 */
final class UnitTasks {
    private UnitTasks() {}

    /** Evaluates units: unit ids in, one record line per unit out. */
    static final class Evaluate implements FlatMapFunction<Iterator<String>, String> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<String> plan;

        Evaluate(Broadcast<String> plan) {
            this.plan = plan;
        }

        @Override
        public Iterator<String> call(Iterator<String> unitIds) {
            Worker w = Worker.of(plan.value());
            List<String> lines = new ArrayList<>();
            while (unitIds.hasNext()) {
                String id = unitIds.next();
                Plan.Unit u = w.units.get(id);
                if (u == null) throw new IllegalArgumentException("unit " + id + " is not in the plan");
                lines.add(ShardRunner.recordLine(w.plan, u, w.registry, w.engine));
            }
            return lines.iterator();
        }
    }

    /** Runs the targeted search of claims from all try records: claim ids in, one search record line per claim out. */
    static final class Search implements FlatMapFunction<Iterator<String>, String> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<String> plan;
        private final Broadcast<List<String>> tryRecords;

        Search(Broadcast<String> plan, Broadcast<List<String>> tryRecords) {
            this.plan = plan;
            this.tryRecords = tryRecords;
        }

        @Override
        public Iterator<String> call(Iterator<String> claimIds) {
            Worker w = Worker.of(plan.value());
            Map<String, ShardRecords.Line> records = ShardMerge.of(w.plan, "the collected records", ShardRecords.parse(tryRecords.value()), w.registry);
            List<String> lines = new ArrayList<>();
            while (claimIds.hasNext())
                lines.add(ShardRecords.line(ShardSearch.record(w.plan, claimIds.next(), records, w.registry, w.config, w.engine, "spark search", System.err)));
            return lines.iterator();
        }
    }

    /**
     * Per-JVM state of an executor for one plan. The registry is built without the link check against the theory
     * pages (the driver ran it on the checkout): executors need only the jar, not the repository.
     */
    static final class Worker {
        private static Worker current;

        final String planText;
        final Plan plan;
        final Map<String, Plan.Unit> units;
        final TheoryRegistry registry;
        final EngineConfig config;
        final PropertyEngine engine;

        private Worker(String planText, TheoryRegistry registry) {
            this.planText = planText;
            this.plan = Plan.parse(planText, "the broadcast plan");
            this.units = plan.units().stream().collect(Collectors.toMap(Plan.Unit::id, Function.identity()));
            this.registry = registry;
            this.config = EngineConfig.of(plan.level(), plan.runSeed(), java.nio.file.Path.of(".")).withoutArchive();
            this.engine = ShardRunner.workerEngine(plan, System.err);
        }

        static synchronized Worker of(String planText) {
            if (current == null || !current.planText.equals(planText))
                current = new Worker(planText, current != null ? current.registry : theories());
            return current;
        }

        private static TheoryRegistry theories() {
            List<Theory> found = new ArrayList<>();
            ServiceLoader.load(Theory.class).forEach(found::add);
            return new TheoryRegistry(found);
        }
    }
}
