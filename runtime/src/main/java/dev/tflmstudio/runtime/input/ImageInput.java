package dev.tflmstudio.runtime.input;

import dev.tflmstudio.runtime.model.Tensor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Images for [1,H,W,C] inputs (C = 1 grayscale or 3 RGB): resized bilinearly to W x H, each channel read as
 * pixel / 255 and quantized to the tensor (so an int8 input with scale 1/255 and zero point -128 gets pixel - 128).
 * uint8 tensors get the raw pixel.
 */
final class ImageInput {
    private ImageInput() {
    }

    static byte[] read(Path path, Tensor tensor) throws IOException, InputException {
        int[] dims = tensor.shape().toArray();
        if (dims.length != 4 || dims[0] != 1 || (dims[3] != 1 && dims[3] != 3)) {
            throw new InputException(tensor + " is not an image input ([1,H,W,1] or [1,H,W,3])");
        }
        BufferedImage img = ImageIO.read(path.toFile());
        if (img == null) {
            throw new InputException(path + ": not an image javax.imageio can read");
        }
        int h = dims[1];
        int w = dims[2];
        int c = dims[3];
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        double[] values = new double[h * w * c];
        boolean raw = tensor.type() == dev.tflmstudio.runtime.model.TensorType.UINT8 && !tensor.isQuantized();
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = scaled.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int gr = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (c == 1) {
                    int luma = (int) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
                    values[i++] = raw ? luma : luma / 255.0;
                } else {
                    values[i++] = raw ? r : r / 255.0;
                    values[i++] = raw ? gr : gr / 255.0;
                    values[i++] = raw ? b : b / 255.0;
                }
            }
        }
        return ValueEncoder.encode(tensor, values);
    }
}
