package dev.tflmstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.devices.ProfileJsonWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tflm-studio devices [--json] [--folder DIR]}: the boards TFLM Studio knows. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List the device profiles: the built-in boards plus your own JSON files "
                + "(default folder ~/.tflm-studio/devices; a file with a built-in's id replaces it).",
                "Bad files are reported on stderr and skipped."})
public final class DevicesCommand implements Callable<Integer> {
    private static final String[] HEADER = {"ID", "NAME", "CORE", "MHZ", "SRAM KIB", "FLASH KIB", "FPU", "SOURCE"};
    /** Right-aligned columns (numbers). */
    private static final boolean[] NUMERIC = {false, false, false, true, true, true, false, false};

    @Option(names = "--json", description = "Print every field of every profile as JSON.")
    boolean json;

    @Option(names = "--folder", paramLabel = "DIR",
            description = "Folder of user profiles (default: ${DEFAULT-VALUE}).")
    Path folder = DeviceCatalog.defaultUserFolder();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (spec.commandLine().getParseResult().hasMatchedOption("--folder") && !Files.isDirectory(folder)) {
            throw new CliException(ExitCode.INVALID_INPUT, "no such folder: " + folder);
        }
        DeviceCatalog catalog = DeviceCatalog.load(folder);
        PrintWriter err = spec.commandLine().getErr();
        for (String problem : catalog.problems()) {
            err.println("warning: skipped " + problem);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(toJson(mapper, catalog)));
        } else {
            printTable(out, catalog.profiles());
        }
        return ExitCode.OK;
    }

    static ObjectNode toJson(ObjectMapper mapper, DeviceCatalog catalog) {
        ObjectNode root = mapper.createObjectNode();
        root.put("userFolder", catalog.userFolder().map(Path::toString).orElse(null));
        ArrayNode profiles = root.putArray("profiles");
        catalog.profiles().forEach(p -> profiles.add(ProfileJsonWriter.toJson(p)));
        catalog.problems().forEach(root.putArray("problems")::add);
        return root;
    }

    private static void printTable(PrintWriter out, List<DeviceProfile> profiles) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (DeviceProfile p : profiles) {
            rows.add(new String[] {p.id(), p.name(), p.core(), number(p.clockHz() / 1e6),
                    number(p.totalSramBytes() / 1024.0), number(p.totalFlashBytes() / 1024.0), p.fpu().fileName(),
                    p.builtIn() ? "built-in" : "user"});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String cell = row[c];
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(NUMERIC[c] ? pad + cell : cell + (c == row.length - 1 ? "" : pad));
                if (c < row.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line);
        }
    }

    /** Whole numbers without decimals (64, 480), others with one (0.5); no thousands separators to parse around. */
    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
