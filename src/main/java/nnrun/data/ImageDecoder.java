package nnrun.data;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Reads a PNG or JPEG file (any size, any colour model) into one channels-first sample of the
 * shape a model takes, with values in [0,1] as the dataset loaders give them: converted to 1
 * channel (luminance, ITU-R BT.601 weights, as PIL's "L" mode) or 3 (RGB), transparent pixels
 * laid on white (a drawing's paper), and resized to H×W (area averaging when shrinking, so thin strokes survive; bilinear when growing).
 */
public final class ImageDecoder {
    private ImageDecoder() {}

    /** True for the file names this class reads: .png, .jpg, .jpeg (any case). */
    public static boolean isImageFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    /** The image as a [channels, height, width] sample in [0,1]; channels must be 1 or 3. */
    public static float[] read(Path file, int channels, int height, int width) {
        if (channels != 1 && channels != 3)
            throw new DataException(file + ": the model takes " + channels + "-channel samples, but an image gives"
                    + " 1 (grayscale) or 3 (RGB) channels; pass the samples as an IDX or CSV file instead");
        BufferedImage image;
        try (var in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        } catch (IOException e) {
            throw new DataException(file + " could not be read as an image: " + e.getMessage()
                    + "; pass a PNG or JPEG file", e);
        }
        if (image == null)
            throw new DataException(file + " is not a PNG or JPEG image (its content has no image format Java can decode);"
                    + " convert it to PNG");
        BufferedImage sized = resize(image, width, height);
        float[] sample = new float[channels * height * width];
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = sized.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                int at = y * width + x;
                if (channels == 1) {
                    sample[at] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
                } else {
                    sample[at] = r / 255f;
                    sample[plane + at] = g / 255f;
                    sample[2 * plane + at] = b / 255f;
                }
            }
        }
        return sample;
    }

    private static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            if (image.getWidth() == width && image.getHeight() == height) {
                g.drawImage(image, 0, 0, null);
            } else if (image.getWidth() >= width && image.getHeight() >= height) {
                g.drawImage(image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
            } else {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(image, 0, 0, width, height, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
