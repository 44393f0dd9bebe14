package io.postdesk.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class IconMakerTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void theSameBytesEveryTime() {
        assertThat(IconMaker.png(48)).isEqualTo(IconMaker.png(48));
        assertThat(IconMaker.ico()).isEqualTo(IconMaker.ico());
    }

    @Test
    void aPngHasTheSizeAskedForAndTheCornersAreTransparent() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(IconMaker.png(128)));

        assertThat(image.getWidth()).isEqualTo(128);
        assertThat(image.getHeight()).isEqualTo(128);
        assertThat(image.getRGB(0, 0) >>> 24).isZero();
        assertThat(image.getRGB(64, 64) >>> 24).isEqualTo(255);
    }

    @Test
    void theIcoListsEverySizeAndEachEntryPointsAtAPng() {
        byte[] ico = IconMaker.ico();
        ByteBuffer in = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(in.getShort(0)).isZero();
        assertThat(in.getShort(2)).isEqualTo((short) 1);
        assertThat(in.getShort(4)).isEqualTo((short) IconMaker.ICO_SIZES.size());
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < IconMaker.ICO_SIZES.size(); i++) {
            int entry = 6 + 16 * i;
            int width = Byte.toUnsignedInt(ico[entry]);
            widths.add(width == 0 ? 256 : width);
            int offset = in.getInt(entry + 12);
            assertThat(Arrays.copyOfRange(ico, offset, offset + 8)).isEqualTo(PNG_SIGNATURE);
            assertThat(offset + in.getInt(entry + 8)).isLessThanOrEqualTo(ico.length);
        }
        assertThat(widths).isEqualTo(IconMaker.ICO_SIZES);
    }

    @Test
    void theIcnsChainsItsTypedEntriesToTheEnd() {
        byte[] icns = IconMaker.icns();
        ByteBuffer in = ByteBuffer.wrap(icns);

        assertThat(new String(icns, 0, 4)).isEqualTo("icns");
        assertThat(in.getInt(4)).isEqualTo(icns.length);
        List<String> types = new ArrayList<>();
        for (int at = 8; at < icns.length; at += in.getInt(at + 4)) {
            types.add(new String(icns, at, 4));
            assertThat(Arrays.copyOfRange(icns, at + 8, at + 16)).isEqualTo(PNG_SIGNATURE);
        }
        assertThat(types).containsExactlyElementsOf(IconMaker.ICNS_TYPES.keySet());
    }
}
