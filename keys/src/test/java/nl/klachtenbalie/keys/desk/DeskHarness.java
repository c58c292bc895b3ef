package nl.klachtenbalie.keys.desk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import nl.klachtenbalie.keys.desk.kaart.SocialeKaart;
import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.store.DeskStore;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;
import nl.klachtenbalie.keys.desk.team.UnlockedMember;

/** Opens a desk for a member over a team fixture, as {@code keys desk} does, without the web layer. */
public final class DeskHarness implements AutoCloseable {

    public final Path teamDir;
    public final Path deskDir;
    public final TeamDirectory team;
    public final UnlockedMember me;
    public final DeskStore store;
    public final Desk desk;

    public DeskHarness(Path teamDir, Path deskDir, String member) throws IOException {
        this.teamDir = teamDir;
        this.deskDir = deskDir;
        this.team = TeamDirectory.open(teamDir, TeamFixture.TODAY);
        this.me = team.unlock(member, TeamFixture.PASSPHRASE.toCharArray());
        this.store = DeskStore.open(deskDir, new SecureRandom());
        this.desk = Desk.open(team, me, store, TeamFixture.CLOCK, new SecureRandom());
    }

    public static DeskHarness create(Path tmp) throws IOException {
        Path team = TeamFixture.write(Files.createDirectories(tmp.resolve("team")));
        return new DeskHarness(team, tmp.resolve("desk"), "anna");
    }

    public SocialeKaart kaart() throws IOException {
        return new SocialeKaart(store, List.of(me.identity()), team.teamRecipients());
    }

    public DeskHarness reopen() throws IOException {
        close();
        return new DeskHarness(teamDir, deskDir, me.id());
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    /** A small image with some drawing on it, as JPEG or PNG bytes. */
    public static byte[] image(String format, Color color) throws IOException {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 48);
        g.setColor(color);
        g.fillRect(8, 8, 40, 24);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        byte[] bytes = out.toByteArray();
        return format.equals("png") ? withTextChunk(bytes, "Author", "metadata-secret-6402") : bytes;
    }

    /** Inserts a tEXt chunk after IHDR, as a camera app or editor would add metadata. */
    static byte[] withTextChunk(byte[] png, String key, String value) {
        byte[] data = (key + "\0" + value).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length);
        chunk.put("tEXt".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        int afterIhdr = 8 + 25;
        byte[] out = new byte[png.length + chunk.capacity()];
        System.arraycopy(png, 0, out, 0, afterIhdr);
        System.arraycopy(chunk.array(), 0, out, afterIhdr, chunk.capacity());
        System.arraycopy(png, afterIhdr, out, afterIhdr + chunk.capacity(), png.length - afterIhdr);
        return out;
    }
}
