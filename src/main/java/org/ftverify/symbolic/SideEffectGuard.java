package org.ftverify.symbolic;

import java.util.Set;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Rejects inputs that would change the shared engine's state. {@link Cas} caches results by input text, which is
 * only sound when evaluating an input has no side effects; definitions belong in a {@link CasSession}.
 *
 * <p>Assignments inside Module, Block and With are allowed: those scopes normally assign their own local
 * variables. (An assignment there to an undeclared global would slip through; that is the accepted gap.)
 */
final class SideEffectGuard {
    private static final Set<String> STATEFUL = Set.of("Set", "SetDelayed", "UpSet", "UpSetDelayed", "TagSet",
            "TagSetDelayed", "Unset", "Clear", "ClearAll", "Remove", "AddTo", "SubtractFrom", "TimesBy", "DivideBy",
            "Increment", "Decrement", "PreIncrement", "PreDecrement", "AppendTo", "PrependTo", "SetAttributes",
            "ClearAttributes", "Protect", "Unprotect", "SetOptions", "Get", "Put", "PutAppend", "Needs");
    private static final Set<String> SCOPES = Set.of("Module", "Block", "With");

    private SideEffectGuard() {
    }

    /** @throws IllegalArgumentException naming the offending head when the parsed input has a side effect */
    static void check(String input, IExpr parsed) {
        String head = firstStatefulHead(parsed);
        if (head != null) {
            throw new IllegalArgumentException("Cas evaluates side-effect-free expressions only (results are cached "
                    + "by text); found " + head + " in: " + CasException.abbreviate(input)
                    + ". Use a CasSession for definitions.");
        }
    }

    private static String firstStatefulHead(IExpr e) {
        if (!e.isAST()) {
            return null;
        }
        IAST ast = (IAST) e;
        String head = ast.head().toString();
        if (STATEFUL.contains(head)) {
            return head;
        }
        if (SCOPES.contains(head)) {
            return null;
        }
        String found = firstStatefulHead(ast.head());
        for (int i = 1; found == null && i < ast.size(); i++) {
            found = firstStatefulHead(ast.get(i));
        }
        return found;
    }
}
