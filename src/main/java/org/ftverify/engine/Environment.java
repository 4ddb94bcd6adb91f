package org.ftverify.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.ftverify.simd.Kernels;

/** Facts about the machine and libraries that a reader needs to reproduce a run. */
public final class Environment {
    private Environment() {}

    public static Map<String, String> libraries() {
        Properties p = new Properties();
        try (InputStream in = Environment.class.getResourceAsStream("versions.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // versions are informative only; the report shows "unknown"
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : new String[] {"ftverify", "symja", "hipparchus", "ejml", "asciidoctorj", "gson"})
            m.put(k, p.getProperty(k, "unknown"));
        return m;
    }

    public static String version() {
        return libraries().get("ftverify");
    }

    public static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("java", System.getProperty("java.version"));
        m.put("javaVendor", System.getProperty("java.vendor"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("cpu", cpu());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("vectorApi", ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        m.put("vectorSpecies", Kernels.species());
        m.put("libraries", libraries());
        return m;
    }
}
