package org.ftverify.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.ftverify.core.Theory;
import org.ftverify.core.TheoryRegistry;
import org.ftverify.engine.PowerSweep;

/** {@code ftverify power [--theory T] [--claim C] [--seed S]}: measures each claim's resolution into verification/power.json. */
final class PowerCommand {
    private PowerCommand() {}

    static int run(Options o, Path root, PrintStream out) {
        TheoryRegistry reg = TheoryRegistry.load();
        List<Theory> ts = o.theory() == null ? reg.theories() : List.of(reg.theory(o.theory()));
        if (o.claim() != null) reg.claim(o.claim()); // unknown claim: one-line error before any work
        long seed = o.seed() != null ? o.seed() : new SecureRandom().nextLong();
        out.println("[ftverify] power sweep at the quick level, seed " + seed + ", deltas " + java.util.Arrays.toString(PowerSweep.DELTAS));
        List<PowerSweep.Measurement> ms = PowerSweep.run(ts, o.claim(), seed, out::println);
        if (ms.isEmpty()) {
            out.println("[ftverify] no power probes declared for the selection");
            return Main.OK;
        }
        Path json = root.resolve("verification/power.json");
        PowerSweep.write(json, ms);
        long weak = ms.stream().filter(m -> m.detected() == null || m.detected() > 0.1).count();
        out.println("[ftverify] " + ms.size() + " probes, " + weak + " miss a 10% error in some direction; wrote " + json);
        return Main.OK;
    }
}
