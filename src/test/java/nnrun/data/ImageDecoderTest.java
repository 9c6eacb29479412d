package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
    @TempDir Path dir;

    /** Left half pure red, right half pure blue, 40×20 pixels. */
    private Path redBlue(String format) throws Exception {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 20, 20);
        g.setColor(Color.BLUE);
        g.fillRect(20, 0, 20, 20);
        g.dispose();
        Path file = dir.resolve("red_blue." + format);
        assertTrue(ImageIO.write(image, format, file.toFile()));
        return file;
    }

    @Test
    void aColourImageIsShrunkToTheModelsSizeInChannelsFirstOrder() throws Exception {
        float[] rgb = ImageDecoder.read(redBlue("png"), 3, 2, 4);
        // Channel planes of 2×4: red is 1 in the left two columns, blue in the right two.
        assertEquals(1f, rgb[0], 1e-6);
        assertEquals(0f, rgb[3], 1e-6);
        assertEquals(0f, rgb[8 + 1], 1e-6);
        assertEquals(1f, rgb[16 + 3], 1e-6);
    }

    @Test
    void grayscaleIsTheLuminanceAndGrowingAnImageWorksToo() throws Exception {
        float[] gray = ImageDecoder.read(redBlue("png"), 1, 40, 80);
        assertEquals(0.299f, gray[0], 1e-3);
        assertEquals(0.114f, gray[79], 1e-3);
        float[] jpeg = ImageDecoder.read(redBlue("jpg"), 1, 20, 40);
        assertEquals(0.299f, jpeg[0], 0.03, "JPEG is lossy, but red stays red");
    }

    @Test
    void aFileThatIsNoImageAndAChannelCountImagesCannotHaveAreRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "hello");
        DataException e = assertThrows(DataException.class, () -> ImageDecoder.read(text, 1, 28, 28));
        assertTrue(e.getMessage().contains("is not a PNG or JPEG image"), e.getMessage());
        DataException channels = assertThrows(DataException.class, () -> ImageDecoder.read(text, 2, 28, 28));
        assertTrue(channels.getMessage().contains("2-channel"), channels.getMessage());
    }
}
