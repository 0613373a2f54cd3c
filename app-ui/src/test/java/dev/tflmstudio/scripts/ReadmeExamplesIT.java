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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code sh} example in the README, run as a user runs it: from the checkout's root, through the real
 * {@code ./tflm-studio} launcher (built by this build's package phase), in README order (later examples read what
 * earlier ones wrote under {@code examples-out/}), with a fresh home folder. Each command must end with the exit code
 * its comment gives ({@code # exit 4}, else 0) and print the {@code error:} line its comment quotes. Lines that open
 * the app get {@code --screenshot} (a headless run of the same window); {@code ./mvnw} lines are this build itself.
 * Background commands ({@code &}) are ended at the end of their block. Runs in the verify phase (see the pom).
 */
class ReadmeExamplesIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern EXIT = Pattern.compile("\\bexit (\\d)\\b");
    private static final Pattern ERROR = Pattern.compile("\\berror: (.+)$");
    private static final Pattern APP = Pattern.compile("^\\./tflm-studio(\\s+\\S+\\.tflite)?$");

    /** One command of the README: its text (continuation lines joined), and what its comment promises. */
    record Example(String section, String command, int exit, String error) {
        boolean background() {
            return command.endsWith("&");
        }
    }

    static List<Example> examples(String readme) {
        List<Example> out = new ArrayList<>();
        String section = "";
        boolean inBlock = false;
        StringBuilder pending = new StringBuilder();
        for (String line : readme.split("\n", -1)) {
            if (!inBlock && line.startsWith("#")) {
                section = line.replaceFirst("^#+\\s*", "");
            }
            if (line.startsWith("```")) {
                inBlock = line.equals("```sh");
                continue;
            }
            if (!inBlock || line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String full = pending.append(line).toString();
            pending.setLength(0);
            int hash = full.indexOf(" #");
            String command = (hash < 0 ? full : full.substring(0, hash)).trim().replaceAll("\\s+", " ");
            String comment = hash < 0 ? "" : full.substring(hash + 2);
            Matcher exit = EXIT.matcher(comment);
            Matcher error = ERROR.matcher(comment);
            out.add(new Example(section, command, exit.find() ? Integer.parseInt(exit.group(1)) : 0,
                    error.find() ? error.group(1).trim() : null));
        }
        return out;
    }

    /** The bash script that runs the examples in order and stops at the first that breaks its promise. */
    static String script(List<Example> examples, Path shots) {
        StringBuilder sh = new StringBuilder("set -u\nerr=\"$(mktemp)\"\n");
        sh.append("fail() { echo \"README example broke its promise ($1): $2\" >&2; tail -n 20 \"$err\" >&2; "
                + "jobs -p | xargs -r kill 2>/dev/null; exit 1; }\n");
        String section = null;
        int app = 0;
        for (Example e : examples) {
            if (!e.section().equals(section)) {
                if (section != null) {
                    sh.append("jobs -p | xargs -r kill 2>/dev/null; wait 2>/dev/null\n");
                }
                section = e.section();
                sh.append("echo '== ").append(section.replace("'", "")).append("' >&2\n");
            }
            String command = e.command();
            if (command.startsWith("./mvnw")) {
                continue;
            }
            if (e.background()) {
                sh.append(command).append('\n');
                // What runs in the background (a pty pair, a virtual board, an emulator) gets a moment to open.
                sh.append("sleep 2\n");
                continue;
            }
            if (APP.matcher(command).matches()) {
                command += " --screenshot " + shots.resolve("readme-app-" + (++app) + ".png");
            }
            String quoted = "'" + e.command().replace("'", "'\\''") + "'";
            sh.append("echo \"\\$ ").append(e.command().replace("\"", "\\\"").replace("$", "\\$")).append("\" >&2\n");
            sh.append("{ ").append(command).append(" ; } 2>\"$err\"; rc=$?; cat \"$err\" >&2\n");
            sh.append("[ $rc -eq ").append(e.exit()).append(" ] || fail \"exit $rc, not ").append(e.exit())
                    .append("\" ").append(quoted).append('\n');
            if (e.error() != null) {
                String want = "error: " + e.error();
                sh.append("grep -qF -- '").append(want.replace("'", "'\\''")).append("' \"$err\" || fail \"no '")
                        .append(want.replace("'", "").replace("\"", "")).append("'\" ").append(quoted).append('\n');
            }
        }
        sh.append("jobs -p | xargs -r kill 2>/dev/null; wait 2>/dev/null\nrm -f \"$err\"\n");
        return sh.toString();
    }

    @Test
    void theParserReadsCommentsContinuationsAndPromises() {
        List<Example> ex = examples("""
                # Section
                ```sh
                ./tflm-studio run a.tflite \\
                    --json     # the same as JSON
                ./tflm-studio run b.tflite   # exit 4, error: op 0 EXP: bad
                # a comment line
                socat x y &
                ```
                ```
                not a shell block
                ```
                """);
        assertThat(ex).containsExactly(
                new Example("Section", "./tflm-studio run a.tflite --json", 0, null),
                new Example("Section", "./tflm-studio run b.tflite", 4, "op 0 EXP: bad"),
                new Example("Section", "socat x y &", 0, null));
    }

    @Test
    void everyReadmeExampleKeepsItsPromise(@TempDir Path tmp) throws Exception {
        Path shared = ROOT.resolveSibling("shared");
        Assumptions.assumeTrue(Files.isDirectory(shared.resolve("models")), "../shared absent: the examples use it");
        for (String tool : new String[] {"socat", "qemu-system-arm", "gdb-multiarch"}) {
            Assumptions.assumeTrue(onPath(tool), tool + " not installed (.ci/run installs it)");
        }
        Assumptions.assumeTrue(Files.exists(ROOT.resolve("app-ui/target/classpath.txt")),
                "the launcher's build is not there (runs in the verify phase)");
        List<Example> examples = examples(Files.readString(ROOT.resolve("README.md")));
        assertThat(examples).hasSizeGreaterThan(30);
        Path home = Files.createDirectories(tmp.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script(examples, tmp)).directory(ROOT.toFile());
        pb.environment().put("HOME", home.toString());
        // Java takes its home from the password file, not $HOME: profiles saved by the examples stay in the temp one.
        pb.environment().put("TFLM_STUDIO_JAVA_OPTS", "-Duser.home=" + home);
        pb.environment().put("TFLM_STUDIO_CDS", "off"); // the start-up cache takes 20 s to make; not under test
        Path log = tmp.resolve("examples.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        Files.copy(log, ROOT.resolve("app-ui/target/readme-examples.log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING); // what each example printed, to read after a run
        String out = tail(log);
        assertThat(ended).as("the README's examples ended within 10 minutes:\n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(tmp.resolve("readme-app-1.png")).as("the app's window, headless").isNotEmptyFile();
        assertThat(ROOT.resolve("examples-out/person.html")).isNotEmptyFile();
        assertThat(ROOT.resolve("examples-out/run.rec")).isNotEmptyFile();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
