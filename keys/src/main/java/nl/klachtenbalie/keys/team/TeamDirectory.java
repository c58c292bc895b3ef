package nl.klachtenbalie.keys.team;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout of a team directory and the only code that writes into it:
 *
 * <pre>
 * team.json                          public team state ({@link TeamState})
 * root.key.age                       the root signing key, scrypt-encrypted (0600)
 * members/ID.identity.age            a member's age identity, scrypt-encrypted (0600)
 * members/ID.signing.age             a member's reply-signing key, scrypt-encrypted (0600)
 * bundles/team-bundle-vN.json        every signed bundle (public)
 * fingerprint.txt, fingerprint.png   the team fingerprint as text and QR code
 * DEMO-WARNING.txt                   only in a demo team
 * </pre>
 *
 * <p>Secret files are created owner-only and never overwritten; public files are replaced
 * atomically (temporary file, then rename), so an interrupted ceremony leaves either the old or
 * the new {@code team.json}, never half of one. The directories are owner-only as well: member ids
 * are not secret, but who is on the team need not be visible to other users of the machine.
 */
public final class TeamDirectory {

    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");

    /** No file the ceremony reads is larger than this (a bundle is at most 512 KiB). */
    static final int MAX_FILE_SIZE = 1 << 20;

    private static final Pattern BUNDLE_NAME = Pattern.compile("team-bundle-v([1-9][0-9]{0,15})\\.json");

    private final Path root;

    private TeamDirectory(Path root) {
        this.root = root;
    }

    /** An existing team directory: it must hold {@code team.json}. */
    public static TeamDirectory open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs.resolve("team.json"), LinkOption.NOFOLLOW_LINKS)) {
            throw new TeamException("no team directory at " + abs + " (team.json is missing)");
        }
        return new TeamDirectory(abs);
    }

    /**
     * Creates a new team directory. An existing directory is accepted only if it is empty (a
     * freshly made folder on a USB stick); anything else is refused, so a ceremony can never write
     * over an existing team's keys.
     */
    public static TeamDirectory create(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (checkAbsentOrEmpty(abs)) {
            Files.setPosixFilePermissions(abs, OWNER_ONLY_DIR);
        } else {
            if (abs.getParent() == null || !Files.isDirectory(abs.getParent())) {
                throw new TeamException("no such directory: " + abs.getParent());
            }
            Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        }
        Files.createDirectory(abs.resolve("members"), PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        Files.createDirectory(abs.resolve("bundles"), PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        return new TeamDirectory(abs);
    }

    /**
     * Refuses a path that exists and is anything but an empty directory.
     *
     * @return whether the (empty) directory exists
     */
    static boolean checkAbsentOrEmpty(Path abs) throws IOException {
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new TeamException(abs + " exists and is not a directory");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(abs)) {
            if (entries.iterator().hasNext()) {
                throw new TeamException("refusing to create a team in " + abs + ": the directory is not empty");
            }
        }
        return true;
    }

    public Path root() {
        return root;
    }

    public Path teamJson() {
        return root.resolve("team.json");
    }

    public Path rootKey() {
        return root.resolve("root.key.age");
    }

    public Path memberIdentity(String id) {
        return root.resolve("members").resolve(id + ".identity.age");
    }

    /**
     * A member's hybrid identity made at the flag day ({@code keys team sign-bundle --switch-to-hybrid});
     * their classic {@link #memberIdentity} stays beside it for decrypting older events.
     */
    public Path memberHybridIdentity(String id) {
        return root.resolve("members").resolve(id + ".identity-pq.age");
    }

    public Path memberSigningKey(String id) {
        return root.resolve("members").resolve(id + ".signing.age");
    }

    public Path bundle(long version) {
        return root.resolve("bundles").resolve("team-bundle-v" + version + ".json");
    }

    public Path fingerprintText() {
        return root.resolve("fingerprint.txt");
    }

    public Path fingerprintPng() {
        return root.resolve("fingerprint.png");
    }

    public Path demoWarning() {
        return root.resolve("DEMO-WARNING.txt");
    }

    public TeamState readState() throws IOException {
        return TeamState.fromJson(read(teamJson()));
    }

    public void writeState(TeamState state) throws IOException {
        replacePublic(teamJson(), state.toJson());
    }

    /** The highest version among the bundle files present, if any. */
    public OptionalLong highestBundleFile() throws IOException {
        long max = -1;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve("bundles"))) {
            for (Path p : entries) {
                Matcher m = BUNDLE_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Long.parseLong(m.group(1)));
                }
            }
        }
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }

    /** Creates a secret file owner-only; refuses to overwrite anything, including a planted link. */
    static void writeSecretNew(Path path, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(Files.createFile(path,
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)))) {
            out.write(content);
        } catch (FileAlreadyExistsException e) {
            throw new TeamException("refusing to overwrite existing file " + path);
        }
    }

    /** Creates a public file that must not exist yet (a signed bundle is never rewritten). */
    static void writePublicNew(Path path, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(Files.createFile(path))) {
            out.write(content);
        } catch (FileAlreadyExistsException e) {
            throw new TeamException("refusing to overwrite existing file " + path);
        }
        Files.setPosixFilePermissions(path, PUBLIC_FILE);
    }

    /** Replaces a public file atomically. */
    static void replacePublic(Path path, byte[] content) throws IOException {
        Path temp = Files.createTempFile(path.getParent(), "." + path.getFileName() + ".", ".part");
        try {
            Files.write(temp, content);
            Files.setPosixFilePermissions(temp, PUBLIC_FILE);
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Reads a file of at most {@link #MAX_FILE_SIZE} bytes. */
    static byte[] read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(MAX_FILE_SIZE + 1);
            if (b.length > MAX_FILE_SIZE) {
                throw new TeamException(path + " is too large");
            }
            return b;
        } catch (NoSuchFileException e) {
            throw new TeamException("no such file: " + path);
        }
    }
}
