package dev.tflmstudio.app.tensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.ModelFixtures;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.interpreter.TensorState;
import dev.tflmstudio.runtime.model.Shape;
import java.util.HashSet;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The heat map draws each value as a flat block (no smoothing between values) and says what its colours mean. */
class TensorImageTest {
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aThreeByThreeTensorIsNineFlatBlocksWithItsRangeOnTheScale() {
        byte[] raw = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        var tensor = ModelFixtures.constant(0, "map", Shape.of(1, 3, 3), raw);
        var snapshot = new TensorSnapshot(tensor, raw, TensorState.CONSTANT, null, 0);
        TensorImage image = new TensorImage();
        WritableImage[] shot = new WritableImage[1];
        int[] scale = new int[1];
        robot.interact(() -> {
            Scene scene = new Scene(image, 200, 200);
            image.setSnapshot(snapshot);
            shot[0] = scene.snapshot(null);
            scale[0] = image.scale();
            // With -Dtflm.shots=DIR, the picture and its scale as the Image tab shows them, to look at.
            String dir = System.getProperty("tflm.shots");
            if (dir != null) {
                var pane = new javafx.scene.layout.BorderPane(new TensorImage(), null, null, null, null);
                TensorImage shown = (TensorImage) pane.getCenter();
                pane.setBottom(shown.legend());
                Scene s2 = new Scene(pane, 300, 260);
                shown.setSnapshot(snapshot);
                try {
                    javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(s2.snapshot(null), null),
                            "png", java.nio.file.Path.of(dir, "heatmap-3x3.png").toFile());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        int s = scale[0];
        assertThat(s).as("pixels per value at 200x200").isEqualTo(61);
        int offset = (200 - 3 * s) / 2;
        PixelReader px = shot[0].getPixelReader();
        Set<Integer> blockColours = new HashSet<>();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int x0 = offset + c * s;
                int y0 = offset + r * s;
                int colour = px.getArgb(x0, y0);
                for (int y = y0; y < y0 + s; y++) {
                    for (int x = x0; x < x0 + s; x++) {
                        assertThat(px.getArgb(x, y)).as("block (%d,%d) pixel (%d,%d) is flat", r, c, x, y)
                                .isEqualTo(colour);
                    }
                }
                blockColours.add(colour);
            }
        }
        assertThat(blockColours).as("nine values, nine colours").hasSize(9);
        robot.interact(() -> {
            assertThat(image.legend().isVisible()).isTrue();
            // int8 0 and 8 with scale 0.5, zero point -3
            assertThat(((javafx.scene.control.Label) image.legend().lookup("#tensorImageMin")).getText())
                    .isEqualTo(TensorExport.realText(1.5));
            assertThat(((javafx.scene.control.Label) image.legend().lookup("#tensorImageMax")).getText())
                    .isEqualTo(TensorExport.realText(5.5));
        });
    }
}
