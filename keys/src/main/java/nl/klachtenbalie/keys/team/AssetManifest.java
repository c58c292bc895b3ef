package nl.klachtenbalie.keys.team;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import nl.klachtenbalie.crypto.json.JsonException;
import nl.klachtenbalie.crypto.json.JsonParser;
import nl.klachtenbalie.crypto.json.JsonValues;

/**
 * The list of client-web files (path → hash) that a signed team bundle pins, so a browser can tell
 * that the page it was served is the one the team signed.
 */
public final class AssetManifest {

    private AssetManifest() {
    }

    /**
     * Reads client-web's {@code asset-manifest.json} (path → {@code sha256-<b64>}), given the file
     * or the directory holding it. The bundle's own rules check every entry.
     */
    public static Map<String, String> read(Path dirOrFile) throws IOException {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve("asset-manifest.json") : dirOrFile;
        try {
            Map<String, String> out = new TreeMap<>();
            for (Map.Entry<String, Object> e : JsonValues.anyObject(JsonParser.parse(TeamDirectory.read(file))).entrySet()) {
                out.put(e.getKey(), JsonValues.string(e.getValue()));
            }
            return out;
        } catch (JsonException e) {
            throw new TeamException(file + " is not an asset manifest: " + e.getMessage());
        }
    }

    /**
     * As {@link #read(Path)}, for a server that serves some files from its
     * {@code web.override-dir}: every listed path for which {@code overrideDir} holds a regular file
     * (the server's rule: the file itself is not a link) gets that file's hash, so the signed list
     * matches what the server really serves. A file in the folder that the manifest does not list
     * is refused: the server would serve it unchecked. Hidden files (a path segment starting with a
     * dot) are never served and are ignored.
     */
    public static Map<String, String> read(Path dirOrFile, Path overrideDir) throws IOException {
        Map<String, String> out = read(dirOrFile);
        if (overrideDir == null) {
            return out;
        }
        if (!Files.isDirectory(overrideDir)) {
            throw new TeamException("--override-dir " + overrideDir + " is not a directory");
        }
        Path root = overrideDir.toAbsolutePath().normalize();
        java.util.List<String> unlisted = new java.util.ArrayList<>();
        try (var walk = Files.walk(root)) {
            for (Path f : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String rel = root.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                if (java.util.Arrays.stream(rel.split("/")).anyMatch(seg -> seg.startsWith("."))) {
                    continue;
                }
                if (!out.containsKey(rel)) {
                    unlisted.add(rel);
                }
            }
        }
        if (!unlisted.isEmpty()) {
            throw new TeamException("--override-dir " + overrideDir + " holds files the asset manifest does not list: "
                    + String.join(", ", unlisted) + ". The server would serve them unchecked: remove them, or rebuild"
                    + " client-web so its manifest lists them.");
        }
        for (Map.Entry<String, String> e : out.entrySet()) {
            Path f = root.resolve(e.getKey()).normalize();
            if (f.startsWith(root) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                e.setValue("sha256-" + java.util.Base64.getEncoder().encodeToString(sha256(Files.readAllBytes(f))));
            }
        }
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
