package nl.klachtenbalie.keys.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.age.ScryptRecipient;
import nl.klachtenbalie.crypto.age.X25519Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keys age}: the core of the age command line, on this project's age library. */
@Command(name = "age", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Encrypt or decrypt age files, like the age tool.",
                "Decryption detects armor. Passphrases come from the terminal or, for scripts, from "
                        + PassphraseSource.ENV_VARIABLE + ". With -o nothing is written unless decryption "
                        + "succeeds completely; to stdout, plaintext is released chunk by chunk."})
final class AgeCommand implements Callable<Integer> {

    @Option(names = {"-e", "--encrypt"}, description = "Encrypt the input (the default).")
    boolean encrypt;

    @Option(names = {"-d", "--decrypt"}, description = "Decrypt the input.")
    boolean decrypt;

    @Option(names = {"-r", "--recipient"}, paramLabel = "RECIPIENT", description = "Encrypt to this age1… recipient. Repeatable.")
    List<String> recipients = new ArrayList<>();

    @Option(names = {"-R", "--recipients-file"}, paramLabel = "PATH", description = "Encrypt to the recipients listed in PATH. Repeatable.")
    List<Path> recipientFiles = new ArrayList<>();

    @Option(names = {"-i", "--identity"}, paramLabel = "PATH",
            description = "Use the identity file at PATH (may be passphrase-encrypted). Repeatable.")
    List<Path> identityFiles = new ArrayList<>();

    @Option(names = {"-p", "--passphrase"}, description = "Encrypt with a passphrase.")
    boolean passphrase;

    @Option(names = {"-a", "--armor"}, description = "Encrypt to a PEM-encoded format.")
    boolean armor;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT", description = "Write the result to OUTPUT.")
    Path output;

    @Parameters(arity = "0..1", paramLabel = "INPUT", description = "Read from INPUT (default: standard input).")
    Path input;

    private final CliEnvironment env;
    private final PassphraseSource passphrases;

    AgeCommand(CliEnvironment env) {
        this.env = env;
        this.passphrases = new PassphraseSource(env);
    }

    @Override
    public Integer call() throws IOException {
        if (encrypt && decrypt) {
            throw new CliException("-e/--encrypt can't be used with -d/--decrypt");
        }
        if (decrypt) {
            decrypt();
        } else {
            encrypt();
        }
        return 0;
    }

    private void encrypt() throws IOException {
        List<Recipient> all = encryptionRecipients();
        if (output == null && env.stdoutIsTerminal() && !armor) {
            throw new CliException("refusing to output binary to the terminal; did you mean to use -a/--armor?");
        }
        try (InputStream in = openInput(); SafeOutput out = openOutput()) {
            AgeEncrypter encrypter = new AgeEncrypter(env.random());
            OutputStream w = armor ? encrypter.encryptArmored(out.stream(), all) : encrypter.encrypt(out.stream(), all);
            in.transferTo(w);
            // Closed only on success: closing writes the final chunk, which would turn a failed read into a valid, shorter file.
            w.close();
            out.commit();
        }
    }

    private List<Recipient> encryptionRecipients() throws IOException {
        KeyFiles keyFiles = new KeyFiles(passphrases);
        List<Recipient> all = new ArrayList<>();
        for (String r : recipients) {
            all.add(KeyFiles.parseRecipient(r));
        }
        for (Path file : recipientFiles) {
            all.addAll(keyFiles.readRecipients(file));
        }
        for (Path file : identityFiles) {
            keyFiles.readIdentities(file).stream().map(X25519Identity::recipient).forEach(all::add);
        }
        if (passphrase) {
            if (!all.isEmpty()) {
                throw new CliException("-p/--passphrase can't be combined with -r, -R or -i");
            }
            char[] secret = passphrases.readNew();
            all.add(new ScryptRecipient(secret));
            Arrays.fill(secret, '\0');
        }
        if (all.isEmpty()) {
            throw new CliException("missing recipients; did you forget to specify -r/--recipient, -R/--recipients-file or -p/--passphrase?");
        }
        return all;
    }

    private void decrypt() throws IOException {
        if (armor) {
            throw new CliException("-a/--armor can't be used with -d/--decrypt; armored files are detected automatically");
        }
        if (passphrase) {
            throw new CliException("-p/--passphrase can't be used with -d/--decrypt; passphrase-encrypted files are detected automatically");
        }
        if (!recipients.isEmpty() || !recipientFiles.isEmpty()) {
            throw new CliException("-r/--recipient and -R/--recipients-file can't be used with -d/--decrypt; did you mean -i/--identity?");
        }
        List<Identity> identities = new ArrayList<>();
        KeyFiles keyFiles = new KeyFiles(passphrases);
        for (Path file : identityFiles) {
            identities.addAll(keyFiles.readIdentities(file));
        }
        PassphrasePromptIdentity prompt = null;
        if (identities.isEmpty()) {
            prompt = new PassphrasePromptIdentity(passphrases);
            identities.add(prompt);
        }
        try (InputStream in = openInput(); SafeOutput out = openOutput()) {
            new AgeDecrypter().decryptDetectingArmor(in, identities).transferTo(out.stream());
            out.commit();
        } catch (AgeException e) {
            if (e.kind() == AgeException.Kind.NO_MATCH && prompt != null) {
                throw new CliException(prompt.wasAsked() ? "incorrect passphrase"
                        : "the file is not passphrase-encrypted; use -i/--identity to give an identity file");
            }
            throw e;
        }
    }

    private InputStream openInput() throws IOException {
        if (input == null || input.toString().equals("-")) {
            // Standard input belongs to the process; do not close it.
            return new FilterInputStream(env.stdin()) {
                @Override
                public void close() {
                }
            };
        }
        if (output != null && Files.exists(output) && Files.isSameFile(input, output)) {
            throw new CliException("input and output file are the same: " + input);
        }
        try {
            return Files.newInputStream(input);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + input);
        }
    }

    private SafeOutput openOutput() throws IOException {
        if (output == null || output.toString().equals("-")) {
            return SafeOutput.toStream(env.stdout());
        }
        return SafeOutput.toFile(output);
    }
}
