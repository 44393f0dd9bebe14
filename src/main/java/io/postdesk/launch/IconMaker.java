package io.postdesk.launch;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * PostDesk's icon, drawn with Java2D from shapes only (no font, so every machine draws the same pixels),
 * written as the files the installers want: PNGs at the sizes of the freedesktop hicolor theme, a Windows
 * {@code .ico} and a macOS {@code .icns} (both hold PNGs). The build makes them again every time; nothing
 * binary is kept in the repository.
 */
public final class IconMaker {
    /** The hicolor theme's sizes (Linux menus, docks and the window list pick from them). */
    public static final List<Integer> PNG_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);
    static final List<Integer> ICO_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);
    /** ICNS types holding PNG data, and their pixel sizes (the @2x ones are the Retina variants). */
    static final Map<String, Integer> ICNS_TYPES = icnsTypes();

    private IconMaker() {
    }

    /** {@code IconMaker FOLDER}: writes postdesk-SIZE.png, postdesk.png (256), postdesk.ico and postdesk.icns. */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path folder = Files.createDirectories(Path.of(args[0]));
        for (int size : PNG_SIZES) {
            Files.write(folder.resolve("postdesk-" + size + ".png"), png(size));
        }
        Files.write(folder.resolve("postdesk.png"), png(256));
        Files.write(folder.resolve("postdesk.ico"), ico());
        Files.write(folder.resolve("postdesk.icns"), icns());
        System.out.println("Icons written to " + folder);
    }

    private static Map<String, Integer> icnsTypes() {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024);
        types.put("ic11", 32);
        types.put("ic12", 64);
        types.put("ic13", 256);
        types.put("ic14", 512);
        return types;
    }

    /** The icon at {@code size} pixels as PNG bytes. */
    public static byte[] png(int size) {
        BufferedImage image = draw(size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A blue rounded tile; on it a white page of post lines, and a green dot: a published post. */
    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(size / 64.0, size / 64.0); // drawn on a 64 x 64 grid
            g.setPaint(new GradientPaint(0, 0, new Color(0x2F6FDE), 0, 64, new Color(0x1B4AA8)));
            g.fill(new RoundRectangle2D.Double(2, 2, 60, 60, 14, 14));
            Path2D page = new Path2D.Double();
            page.moveTo(16, 10);
            page.lineTo(40, 10);
            page.lineTo(50, 20);
            page.lineTo(50, 54);
            page.lineTo(16, 54);
            page.closePath();
            g.setColor(Color.WHITE);
            g.fill(page);
            Path2D fold = new Path2D.Double();
            fold.moveTo(40, 10);
            fold.lineTo(40, 20);
            fold.lineTo(50, 20);
            fold.closePath();
            g.setColor(new Color(0xC9D6F2));
            g.fill(fold);
            g.setColor(new Color(0x1B4AA8));
            g.setStroke(new BasicStroke(3.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new java.awt.geom.Line2D.Double(21.5, 19, 34, 19));
            g.setColor(new Color(0x8DA3CF));
            g.setStroke(new BasicStroke(2.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (double y : new double[] {27, 33, 39}) {
                g.draw(new java.awt.geom.Line2D.Double(21.5, y, 44.5, y));
            }
            g.draw(new java.awt.geom.Line2D.Double(21.5, 45, 32, 45));
            g.setColor(new Color(0x23A55A));
            g.fill(new Ellipse2D.Double(37, 40, 14, 14));
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D tick = new Path2D.Double();
            tick.moveTo(40.5, 47.2);
            tick.lineTo(43.2, 49.8);
            tick.lineTo(47.6, 44.2);
            g.draw(tick);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A Windows icon: the ICONDIR header, one 16-byte entry per size, then each size as PNG (Vista and later). */
    public static byte[] ico() {
        List<byte[]> images = ICO_SIZES.stream().map(IconMaker::png).toList();
        int offset = 6 + 16 * images.size();
        ByteBuffer header = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        for (int i = 0; i < images.size(); i++) {
            int size = ICO_SIZES.get(i);
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size)); // 0 means 256
            header.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            header.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        images.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** A macOS icon: 'icns', the total length, then per image its type, its length (with 8 header bytes) and a PNG. */
    public static byte[] icns() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            DataOutputStream entries = new DataOutputStream(body);
            for (Map.Entry<String, Integer> type : ICNS_TYPES.entrySet()) {
                byte[] image = png(type.getValue());
                entries.writeBytes(type.getKey());
                entries.writeInt(image.length + 8);
                entries.write(image);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataOutputStream file = new DataOutputStream(out);
            file.writeBytes("icns");
            file.writeInt(body.size() + 8);
            body.writeTo(file);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
