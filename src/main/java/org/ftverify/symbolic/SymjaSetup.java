package org.ftverify.symbolic;

/**
 * One-time JVM settings that must be in place before Symja's classes load.
 *
 * <p>Symja logs through log4j-api but ships no log4j implementation, so log4j's status logger prints an ERROR
 * banner at start-up. Pointing log4j at its built-in SimpleLoggerContextFactory removes the banner and keeps
 * Symja's own ERROR-level log lines visible on stderr. This only works if no class touched log4j before;
 * an explicit -D setting always wins. The SLF4J "no binder" lines come from slf4j-api 1.7 itself and can only be
 * silenced by adding an SLF4J binding (slf4j-nop) to the pom.
 *
 * <p>Symja also logs at ERROR level when an operation merely does not succeed (e.g. "Integrate Not integrable"
 * for an integral it cannot do, returned unevaluated). That outcome is visible in the returned expression, so the
 * simple logger's default level is set to FATAL to keep test and CLI output readable; -D overrides it.
 */
final class SymjaSetup {
    private static final String LOG4J_FACTORY = "log4j2.loggerContextFactory";
    private static final String SIMPLE_LOG_LEVEL = "org.apache.logging.log4j.simplelog.level";

    static {
        if (System.getProperty(LOG4J_FACTORY) == null) {
            System.setProperty(LOG4J_FACTORY, "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        if (System.getProperty(SIMPLE_LOG_LEVEL) == null) {
            System.setProperty(SIMPLE_LOG_LEVEL, "FATAL");
        }
    }

    private SymjaSetup() {
    }

    /** Forces the static initialiser; call before the first use of any Symja class. */
    static void ensure() {
        // the class initialiser above does the work
    }
}
