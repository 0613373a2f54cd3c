package dev.tflmstudio.cli;

import picocli.CommandLine;

/** Version lines for {@code --version} and the About box. */
public final class Versions implements CommandLine.IVersionProvider {
    public static final String APP_VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {
                "TFLM Studio " + APP_VERSION,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                "TFLite schema 3d, TFLM reference kernels @ 90b983c2",
        };
    }
}
