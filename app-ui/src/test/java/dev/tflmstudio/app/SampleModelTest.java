package dev.tflmstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SampleModelTest {
    @Test
    void findsTheBundledSampleAboveTheAppsClasses() {
        Path sample = SampleModel.find();
        assertThat(sample).isNotNull();
        assertThat(sample.toString()).endsWith(Path.of("assets", "models", SampleModel.NAME).toString());
    }
}
