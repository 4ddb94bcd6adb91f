package org.ftverify.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ftverify.core.EvidenceLevel;

/** Parsed command line: a command, its positional arguments and the --options. Errors name the bad token. */
record Options(String command, List<String> positional, String theory, String claim, EvidenceLevel level, Long seed,
               boolean verbose, boolean shrink, String mutant, Integer seeds) {
    static final Set<String> COMMANDS = Set.of("report", "verify", "list", "replay", "catalogue", "alarms", "power", "help");
    static final String COMMAND_LIST = "report, verify, list, replay, explore, alarms, power, catalogue, plan, shard, search, merge, costs, sweep, help";
    /** The most seeds 'alarms' accepts: each seed is a full run of the selection. */
    static final int MAX_SEEDS = 1000;

    static Options parse(String[] args) {
        if (args.length == 0) return new Options("help", List.of(), null, null, EvidenceLevel.QUICK, null, false, false, null, null);
        String command = args[0];
        if (command.equals("--help") || command.equals("-h")) command = "help";
        if (!COMMANDS.contains(command))
            throw new IllegalArgumentException("unknown command '" + command + "'; allowed: " + COMMAND_LIST);
        List<String> pos = new ArrayList<>();
        String theory = null, claim = null, mutant = null;
        EvidenceLevel level = EvidenceLevel.QUICK;
        Long seed = null;
        Integer seeds = null;
        boolean verbose = false, shrink = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--theory" -> theory = value(args, ++i, a);
                case "--claim" -> claim = value(args, ++i, a);
                case "--level" -> level = EvidenceLevel.parse(value(args, ++i, a));
                case "--seed" -> seed = parseSeed(value(args, ++i, a));
                case "--seeds" -> seeds = parseSeeds(value(args, ++i, a));
                case "--verbose", "-v" -> verbose = true;
                case "--shrink" -> shrink = true;
                case "--mutant" -> mutant = value(args, ++i, a);
                default -> {
                    if (a.startsWith("-")) throw new IllegalArgumentException("unknown option '" + a + "' for '" + command
                            + "'; allowed: --theory T, --claim C, --level quick|standard|deep, --seed S, --mutant M, --seeds N (alarms), --verbose, --shrink (replay)");
                    pos.add(a);
                }
            }
        }
        if (!command.equals("replay") && !pos.isEmpty())
            throw new IllegalArgumentException("unexpected argument '" + pos.get(0) + "' for '" + command + "'; it takes only --options (see ./ftverify help)");
        if (command.equals("alarms") && seeds == null)
            throw new IllegalArgumentException("alarms needs --seeds N (how many fresh run seeds, 1.." + MAX_SEEDS + ")");
        if (seeds != null && !command.equals("alarms"))
            throw new IllegalArgumentException("--seeds is for 'alarms'; '" + command + "' takes one --seed S");
        return new Options(command, pos, theory, claim, level, seed, verbose, shrink, mutant, seeds);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) throw new IllegalArgumentException("option " + option + " needs a value");
        return args[i];
    }

    private static long parseSeed(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed: '" + s + "' is not an integer in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]");
        }
    }

    private static int parseSeeds(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= MAX_SEEDS) return n;
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("seeds: '" + s + "' must be an integer in [1, " + MAX_SEEDS + "]");
    }
}
