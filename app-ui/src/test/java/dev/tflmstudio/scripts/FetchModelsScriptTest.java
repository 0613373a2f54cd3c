package dev.tflmstudio.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/fetch-models.sh}, the one line that gets a user without {@code ../shared} the README's models, run
 * against a mirror laid out like raw.githubusercontent.com and made from the shared copies (this machine has no
 * network): every file arrives under its README name, byte for byte; a file whose checksum differs is not kept.
 */
class FetchModelsScriptTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path SCRIPT = ROOT.resolve("scripts/fetch-models.sh");
    private static final Pattern ENTRY = Pattern.compile("^(\\S+\\.tflite) ([0-9a-f]{64}) (\\S+)$",
            Pattern.MULTILINE);
    private static Path models;

    private record Entry(String name, String source) {
    }

    @BeforeAll
    static void shared() {
        String shared = System.getProperty("tflm.shared");
        Assumptions.assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "models")),
                "../shared/models absent: nothing to build a mirror from");
        models = Path.of(shared, "models");
    }

    private static List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        Matcher m = ENTRY.matcher(Files.readString(SCRIPT));
        while (m.find()) {
            out.add(new Entry(m.group(1), m.group(3)));
        }
        return out;
    }

    private static Path mirror(Path dir) throws IOException {
        for (Entry e : entries()) {
            Path file = dir.resolve(e.source());
            Files.createDirectories(file.getParent());
            Files.copy(models.resolve(e.name()), file);
        }
        return dir;
    }

    private record Run(int exit, String stderr) {
    }

    private static Run fetch(Path mirror, Path into) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), into.toString());
        pb.environment().put("TFLM_STUDIO_MODELS_MIRROR", mirror.toUri().toString().replaceAll("/$", ""));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), err);
    }

    @Test
    void fetchesEveryListedModelByteForByteUnderItsReadmeName(@TempDir Path tmp) throws Exception {
        List<Entry> entries = entries();
        assertThat(entries).extracting(Entry::name).contains("tflm-person_detect_int8.tflite",
                "mlperf-vww_96_int8.tflite", "tflm-hello_world_int8.tflite");
        Run run = fetch(mirror(tmp.resolve("mirror")), tmp.resolve("models"));
        assertThat(run.exit()).as(run.stderr()).isZero();
        for (Entry e : entries) {
            assertThat(tmp.resolve("models").resolve(e.name())).hasSameBinaryContentAs(models.resolve(e.name()));
        }
    }

    @Test
    void aFileWithAnotherChecksumIsNotKeptAndTheRunFailsNamingIt(@TempDir Path tmp) throws Exception {
        Path mirror = mirror(tmp.resolve("mirror"));
        Entry person = entries().stream().filter(e -> e.name().equals("tflm-person_detect_int8.tflite"))
                .findFirst().orElseThrow();
        Files.write(mirror.resolve(person.source()), new byte[] {1, 2, 3});
        Run run = fetch(mirror, tmp.resolve("models"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("error: tflm-person_detect_int8.tflite:").contains("SHA-256");
        assertThat(tmp.resolve("models").resolve(person.name())).doesNotExist();
        assertThat(tmp.resolve("models").resolve(person.name() + ".part")).doesNotExist();
        assertThat(tmp.resolve("models").resolve("mlperf-vww_96_int8.tflite")).exists();
    }
}
