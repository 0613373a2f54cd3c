package dev.tflmstudio.runtime.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Reset forgets all state carried across invokes, the ops' own (Signal noise estimates) included, as TFLM does. */
class SessionResetTest {
    @Test
    void resetMakesAStatefulModelRepeatItsFirstInvoke() throws Exception {
        Path shared = Path.of(System.getProperty("tflm.shared", "../shared"));
        Path file = shared.resolve("models/tflm-micro_speech_audio_preprocessor_int8.tflite");
        Assumptions.assumeTrue(Files.isRegularFile(file), "needs ../shared/models");
        Model model = ModelReader.open(file);
        Session session = Session.allocate(model);
        int input = model.main().inputs().get(0);
        int output = model.main().outputs().get(0);
        session.setInput(0, PatternInput.bytesFor(model.main().tensor(input)));

        session.run();
        int first = session.fnv1a32(output);
        session.run();
        assertThat(session.fnv1a32(output)).as("the front end carries state across invokes").isNotEqualTo(first);

        session.reset();
        session.run();
        assertThat(session.fnv1a32(output)).isEqualTo(first);
    }
}
