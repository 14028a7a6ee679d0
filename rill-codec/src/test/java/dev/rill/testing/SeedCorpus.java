package dev.rill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The committed seed corpus of a fuzz test, in Jazzer's inputs directory
 * {@code src/test/resources/<package>/<Class>Inputs/<method>/}. Each fuzz test class checks that
 * the byte-exact vectors of its codec's test tables are there as {@code seed-<name>} files, so the
 * tables seed the fuzzer; with {@code -Drill.fuzz.writeSeeds=true} it writes the missing or changed
 * ones instead. Files the fuzzer found (crash-*, regression-*) are left alone.
 */
public final class SeedCorpus {
    private SeedCorpus() {
    }

    /** The inputs directory of {@code method} of {@code testClass}, relative to the module directory. */
    public static Path directory(Class<?> testClass, String method) {
        return Path.of("src", "test", "resources")
                .resolve(testClass.getPackageName().replace('.', '/'))
                .resolve(testClass.getSimpleName() + "Inputs")
                .resolve(method);
    }

    /** Checks (or, when asked, writes) one {@code seed-<name>} file per entry. */
    public static void check(Class<?> testClass, String method, Map<String, byte[]> seeds) {
        Path dir = directory(testClass, method);
        boolean write = Boolean.getBoolean("rill.fuzz.writeSeeds");
        try {
            if (write) {
                Files.createDirectories(dir);
            }
            for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
                Path file = dir.resolve("seed-" + slug(e.getKey()));
                if (write) {
                    if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), e.getValue())) {
                        Files.write(file, e.getValue());
                    }
                    continue;
                }
                assertThat(file).as("seed for vector '%s' (run with -Drill.fuzz.writeSeeds=true to write it)",
                        e.getKey()).exists();
                assertThat(Files.readAllBytes(file)).as("seed %s", file).isEqualTo(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }
}
