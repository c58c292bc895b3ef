package nl.klachtenbalie.keys.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Static half of "the desk makes no outbound connection": no class of the desk refers to any
 * client networking API. The constant pool of every compiled desk class is read and its class
 * references checked against a deny list; the desk's only networking is the JDK HttpServer bound
 * to 127.0.0.1. The scanner proves it can fail on the test's own raw HTTP client.
 */
class NoClientSocketsTest {

    static final List<String> FORBIDDEN = List.of("java/net/Socket", "java/net/URL", "java/net/URLConnection",
            "java/net/HttpURLConnection", "java/net/http/HttpClient", "java/net/DatagramSocket", "java/net/MulticastSocket",
            "java/nio/channels/SocketChannel", "java/nio/channels/AsynchronousSocketChannel",
            "java/nio/channels/DatagramChannel", "javax/net/SocketFactory", "javax/net/ssl/SSLSocketFactory",
            "javax/net/ssl/HttpsURLConnection", "java/net/Proxy", "java/net/ProxySelector");

    @Test
    void noDeskClassUsesAClientNetworkApi() throws IOException {
        Path classes = Path.of(NoClientSocketsTest.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .resolveSibling("classes").resolve("nl/klachtenbalie/keys/desk");
        List<String> found = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                scanned++;
                for (String ref : forbiddenReferences(f)) {
                    found.add(classes.relativize(f) + " → " + ref);
                }
            }
        }
        assertTrue(scanned > 30, "scanned the desk's classes (" + scanned + ")");
        assertEquals(List.of(), found);
    }

    @Test
    void theScannerFindsASocketWhereThereIsOne() throws IOException {
        Path self = Path.of(NoClientSocketsTest.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .resolve("nl/klachtenbalie/keys/desk/RawHttp.class");
        assertEquals(Set.of("java/net/Socket"), forbiddenReferences(self));
        Path server = Path.of(NoClientSocketsTest.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .resolveSibling("classes").resolve("nl/klachtenbalie/keys/desk/web/DeskWeb.class");
        assertFalse(constantPoolStrings(server).stream().noneMatch(s -> s.contains("com/sun/net/httpserver/HttpServer")));
    }

    static Set<String> forbiddenReferences(Path classFile) throws IOException {
        Set<String> refs = new HashSet<>();
        for (String s : constantPoolStrings(classFile)) {
            for (String f : FORBIDDEN) {
                // a class reference is the bare name; descriptors and signatures carry "Lname;"
                if (s.equals(f) || s.contains("L" + f + ";")) {
                    refs.add(f);
                }
            }
        }
        return refs;
    }

    /** The CONSTANT_Utf8 entries of a class file (JVMS §4.4). */
    static List<String> constantPoolStrings(Path classFile) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file: " + classFile);
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    default -> throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
                }
            }
        }
        return out;
    }
}
