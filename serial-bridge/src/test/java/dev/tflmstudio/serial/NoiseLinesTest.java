package dev.tflmstudio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.serial.parse.LogEvent;
import dev.tflmstudio.serial.parse.LogStreamParser;
import dev.tflmstudio.serial.parse.ParsedLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Noise at the start of lines ends with the line: the lines after it still arrive, one by one. */
class NoiseLinesTest {
    @Test
    void lineEndsInsideLeadingNoiseStillEndLines() {
        List<ParsedLine> lines = new ArrayList<>();
        LogStreamParser parser = new LogStreamParser(lines::add);
        byte[] noise = {(byte) 0xA9, (byte) 0xF9, 0x01, '\n', (byte) 0x93, (byte) 0xB2, '\n'};
        parser.feed(noise, 0, noise.length, 0);
        byte[] text = "FULLY_CONNECTED took 4 ticks (0 ms).\n".getBytes(StandardCharsets.US_ASCII);
        parser.feed(text, 0, text.length, 1);

        assertThat(lines).filteredOn(l -> l.event() instanceof LogEvent.StreamWarning).hasSize(2)
                .allSatisfy(l -> assertThat(((LogEvent.StreamWarning) l.event()).problem())
                        .isEqualTo(LogEvent.StreamProblem.GARBAGE_PREFIX));
        assertThat(lines.get(lines.size() - 1).event()).isInstanceOf(LogEvent.OpTiming.class);
        assertThat(lines.get(lines.size() - 1).number()).as("two noise lines, then the text").isEqualTo(3);
    }
}
