package dev.tflmstudio.serial.probe;

import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Path;

/** A process that attaches, says so and then waits, leaving the board halted, until it is told to end. */
public final class AttachAndWait {
    private AttachAndWait() {
    }

    public static void main(String[] args) throws Exception {
        BoardDebugger d = BoardDebugger.attach(new ProbeTarget(args[0], Path.of(args[1]), null, null),
                ModelReader.open(Path.of(args[2])), n -> { });
        d.step();
        System.out.println("attached, before op " + d.position());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
