package dev.tflmstudio.runtime.input;

import dev.tflmstudio.runtime.model.Tensor;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Images (anything javax.imageio reads: PNG, BMP, JPEG) for [1,H,W,C] inputs, C = 1 or 3, as 8-bit pixel values
 * in row-major order, top row first (the order of the pixel bytes TFLM's tools take from an image). The image
 * must be exactly W x H: a resized image would not be the image the model was tested on, so a different size is
 * refused. For C = 1 a gray pixel gives its value, a colour one its luma (0.299 R + 0.587 G + 0.114 B); for C = 3,
 * R, G, B.
 */
final class ImageInput {
    private ImageInput() {
    }

    static int[] read(Path path, Tensor tensor) throws IOException, InputException {
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
        if (img.getWidth() != w || img.getHeight() != h) {
            throw new InputException(path + ": image is " + img.getWidth() + "x" + img.getHeight() + ", " + tensor
                    + " needs " + w + "x" + h + " (resize it first)");
        }
        int[] values = new int[h * w * c];
        // A gray image's samples are its pixel values; getRGB would pass them through a gamma conversion.
        boolean gray = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(img.getColorModel() instanceof IndexColorModel);
        int shift = gray ? Math.max(0, img.getColorModel().getComponentSize(0) - 8) : 0;
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (gray) {
                    int v = img.getRaster().getSample(x, y, 0) >> shift;
                    for (int k = 0; k < c; k++) {
                        values[i++] = v;
                    }
                    continue;
                }
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (c == 1) {
                    values[i++] = r == g && g == b ? r : (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    values[i++] = r;
                    values[i++] = g;
                    values[i++] = b;
                }
            }
        }
        return values;
    }
}
