package org.ftverify.report;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Bridge to {@code org.ftverify.symbolic.MathMl.render(String)}, called by reflection so that the report package
 * compiles and works on its own while the symbolic package is written on another branch. When that class is
 * absent (or fails on one expression) the expression is shown as code, marked so a reader sees it was not typeset.
 * Once the symbolic branch is merged this can become a direct call.
 */
final class MathMlAdapter {
    private static final String CLASS_NAME = "org.ftverify.symbolic.MathMl";
    private static final Method RENDER = findRender();

    private MathMlAdapter() {
    }

    /** @return true when the Symja MathML renderer is on the class path */
    static boolean available() {
        return RENDER != null;
    }

    /** @return HTML for the Symja expression: MathML when possible, otherwise a {@code <code>} fallback */
    static String render(String symjaExpression) {
        if (RENDER != null) {
            try {
                // MathMl.render never throws: it returns MathML, or its own <code class="symja-fallback"> and logs why.
                Object out = RENDER.invoke(null, symjaExpression);
                if (out instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (InvocationTargetException e) {
                return fallback(symjaExpression, "MathML rendering failed: "
                        + ReportJson.firstLine(String.valueOf(e.getCause().getMessage())));
            } catch (IllegalAccessException e) {
                return fallback(symjaExpression, "MathML renderer not accessible");
            }
        }
        return fallback(symjaExpression, "MathML renderer not available; Symja input shown");
    }

    private static String fallback(String expression, String why) {
        return "<code class=\"symja-fallback\" title=\"" + Html.escape(why) + "\">" + Html.escape(expression)
                + "</code>";
    }

    private static Method findRender() {
        try {
            Method m = Class.forName(CLASS_NAME).getMethod("render", String.class);
            return Modifier.isStatic(m.getModifiers()) && m.getReturnType() == String.class ? m : null;
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return null;
        }
    }
}
