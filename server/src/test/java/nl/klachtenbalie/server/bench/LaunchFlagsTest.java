package nl.klachtenbalie.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark measures RSS with the flags the operator actually runs: the two must not drift apart. */
class LaunchFlagsTest {

    @Test
    void benchChildAndSystemdUnitUseTheSameJvmFlags() throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("deploy/klachtenbalie.service"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "deploy/klachtenbalie.service not found");
        String unit = Files.readString(p.resolve("deploy/klachtenbalie.service"));
        Matcher exec = Pattern.compile("(?m)^ExecStart=/usr/bin/java (.*?) -jar ").matcher(unit);
        assertTrue(exec.find(), "ExecStart runs java -jar");
        List<String> unitFlags = Arrays.asList(exec.group(1).trim().split("\\s+"));
        String benchDefault = "-Xmx136m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=64m";
        if (System.getenv("BENCH_SERVER_FLAGS") == null) {
            assertEquals(benchDefault, ServerWriteBench.SERVER_FLAGS);
        }
        for (String flag : benchDefault.split(" ")) {
            assertTrue(unitFlags.contains(flag), "the unit lacks " + flag + ": " + unitFlags);
        }
        for (String flag : unitFlags) {
            boolean memoryFlag = flag.startsWith("-Xm") || flag.startsWith("-Xss") || flag.contains("GC")
                    || flag.contains("CodeCache") || flag.contains("Metaspace");
            assertTrue(!memoryFlag || benchDefault.contains(flag), "the bench child lacks " + flag);
        }
        assertTrue(unit.contains("Environment=MALLOC_ARENA_MAX=2"), "the unit caps malloc arenas like the bench child");
    }
}
