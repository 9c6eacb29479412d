package nnrun.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * One decoded image as 8-bit planes, channels first ([channels, height, width], row-major), with
 * the two geometric steps torchvision's {@code Resize(n)} and {@code CenterCrop} apply.
 */
record ImagePixels(int channels, int height, int width, byte[] planes) {

    /**
     * Decodes a PNG or JPEG file with the JDK's ImageIO into 1 (grayscale) or 3 (RGB) channels.
     * Colour becomes grayscale as Pillow's {@code convert("L")} does, grayscale becomes RGB by
     * repeating it, and alpha is dropped, as Pillow's {@code convert("RGB")} does.
     */
    static ImagePixels read(Path file, int channels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new DataException(file + " could not be opened for reading");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataException(file + " is not a PNG or JPEG image; remove it from the class folder");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("png") && !format.equals("jpeg")) {
                    throw new DataException(file + " is a " + format.toUpperCase(Locale.ROOT)
                            + " image; only PNG and JPEG are read, so convert it or remove it");
                }
                reader.setInput(in, true, true);
                return fromImage(reader.read(0), channels);
            } finally {
                reader.dispose();
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + " could not be decoded (" + e.getMessage()
                    + "); the file is damaged or in a variant ImageIO cannot read (e.g. a CMYK JPEG):"
                    + " save it again as an RGB or grayscale PNG or JPEG", e);
        }
    }

    private static ImagePixels fromImage(BufferedImage image, int channels) {
        int width = image.getWidth();
        int height = image.getHeight();
        int area = Math.multiplyExact(width, height);
        byte[] planes = new byte[Math.multiplyExact(area, channels)];
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
            // getRGB would map linear gray through sRGB and brighten it; the samples are the gray levels.
            int[] samples = image.getRaster().getSamples(0, 0, width, height, 0, new int[area]);
            int max = (1 << model.getComponentSize(0)) - 1;
            for (int i = 0; i < area; i++) {
                byte level = (byte) (max == 255 ? samples[i] : (samples[i] * 255 + max / 2) / max);
                for (int c = 0; c < channels; c++) {
                    planes[c * area + i] = level;
                }
            }
        } else {
            int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
            for (int i = 0; i < area; i++) {
                int r = (argb[i] >> 16) & 0xFF;
                int g = (argb[i] >> 8) & 0xFF;
                int b = argb[i] & 0xFF;
                if (channels == 1) {
                    planes[i] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16); // Pillow's L = ITU-R 601-2 luma
                } else {
                    planes[i] = (byte) r;
                    planes[area + i] = (byte) g;
                    planes[2 * area + i] = (byte) b;
                }
            }
        }
        return new ImagePixels(channels, height, width, planes);
    }

    /**
     * torchvision's {@code Resize(shorter)}: the shorter side becomes {@code shorter}, the longer
     * one keeps the aspect ratio (rounded down), with Pillow's bilinear filter.
     */
    ImagePixels resizeShorterSide(int shorter) {
        int outHeight;
        int outWidth;
        if (width <= height) {
            outWidth = shorter;
            outHeight = (int) ((double) shorter * height / width);
        } else {
            outHeight = shorter;
            outWidth = (int) ((double) shorter * width / height);
        }
        if (outHeight == height && outWidth == width) {
            return this;
        }
        int area = height * width;
        int outArea = outHeight * outWidth;
        byte[] out = new byte[channels * outArea];
        for (int c = 0; c < channels; c++) {
            byte[] plane = java.util.Arrays.copyOfRange(planes, c * area, (c + 1) * area);
            System.arraycopy(AntialiasedResize.resize(plane, height, width, outHeight, outWidth), 0, out, c * outArea, outArea);
        }
        return new ImagePixels(channels, outHeight, outWidth, out);
    }

    /** torchvision's {@code CenterCrop}: offsets are rounded half to even, as Python's round does. */
    ImagePixels centreCrop(int cropHeight, int cropWidth) {
        if (cropHeight > height || cropWidth > width) {
            throw new IllegalArgumentException("crop " + cropHeight + "x" + cropWidth + " exceeds " + height + "x" + width);
        }
        int top = (int) Math.rint((height - cropHeight) / 2.0);
        int left = (int) Math.rint((width - cropWidth) / 2.0);
        byte[] out = new byte[channels * cropHeight * cropWidth];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < cropHeight; y++) {
                System.arraycopy(planes, c * height * width + (top + y) * width + left,
                        out, (c * cropHeight + y) * cropWidth, cropWidth);
            }
        }
        return new ImagePixels(channels, cropHeight, cropWidth, out);
    }
}
