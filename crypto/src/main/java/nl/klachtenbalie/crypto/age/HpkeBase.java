package nl.klachtenbalie.crypto.age;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The RFC 9180 HPKE key schedule in base mode with HKDF-SHA256 (KDF id 1) and ChaCha20-Poly1305
 * (AEAD id 3), for a KEM whose shared secret is computed elsewhere, and its single-shot seal/open
 * (sequence number 0, empty associated data) — exactly what age's {@code mlkem768x25519} stanza
 * uses. Bouncy Castle's own {@code org.bouncycastle.crypto.hpke.HPKE} only accepts its DHKEMs (its
 * {@code KEM} extension point is package-private), so the schedule is composed here from Bouncy
 * Castle's HKDF and ChaCha20-Poly1305:
 *
 * <pre>
 * suite_id      = "HPKE" ‖ u16(kem_id) ‖ u16(1) ‖ u16(3)
 * LabeledExtract(salt, label, ikm)  = HKDF-Extract(salt, "HPKE-v1" ‖ suite_id ‖ label ‖ ikm)
 * LabeledExpand(prk, label, info, L) = HKDF-Expand(prk, u16(L) ‖ "HPKE-v1" ‖ suite_id ‖ label ‖ info, L)
 * context       = 0x00 ‖ LabeledExtract("", "psk_id_hash", "") ‖ LabeledExtract("", "info_hash", info)
 * secret        = LabeledExtract(shared_secret, "secret", "")
 * key           = LabeledExpand(secret, "key", context, 32)
 * base_nonce    = LabeledExpand(secret, "base_nonce", context, 12)
 * </pre>
 */
final class HpkeBase {

    private static final int KDF_HKDF_SHA256 = 0x0001;
    private static final int AEAD_CHACHA20_POLY1305 = 0x0003;
    private static final int KEY_SIZE = 32;
    private static final int NONCE_SIZE = 12;
    private static final int TAG_SIZE = 16;

    private final byte[] key;
    private final byte[] nonce;

    private HpkeBase(byte[] key, byte[] nonce) {
        this.key = key;
        this.nonce = nonce;
    }

    /** Runs the key schedule; the caller may wipe {@code sharedSecret} afterwards. */
    static HpkeBase keySchedule(int kemId, byte[] sharedSecret, byte[] info) {
        byte[] suiteId = {'H', 'P', 'K', 'E', (byte) (kemId >>> 8), (byte) kemId,
            (byte) (KDF_HKDF_SHA256 >>> 8), (byte) KDF_HKDF_SHA256,
            (byte) (AEAD_CHACHA20_POLY1305 >>> 8), (byte) AEAD_CHACHA20_POLY1305};
        byte[] pskIdHash = labeledExtract(suiteId, new byte[0], "psk_id_hash", new byte[0]);
        byte[] infoHash = labeledExtract(suiteId, new byte[0], "info_hash", info);
        byte[] context = concat(new byte[] {0x00}, pskIdHash, infoHash);
        byte[] secret = labeledExtract(suiteId, sharedSecret, "secret", new byte[0]);
        try {
            return new HpkeBase(labeledExpand(suiteId, secret, "key", context, KEY_SIZE),
                    labeledExpand(suiteId, secret, "base_nonce", context, NONCE_SIZE));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Seals one message (sequence number 0, empty associated data), then forgets the key. */
    byte[] sealOnce(byte[] plaintext) {
        ChaCha20Poly1305 aead = init(true);
        byte[] out = new byte[plaintext.length + TAG_SIZE];
        int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 failed to encrypt", e);
        } finally {
            wipe();
        }
        return out;
    }

    /** Opens one message; empty if authentication fails. Forgets the key. */
    Optional<byte[]> openOnce(byte[] ciphertext) {
        ChaCha20Poly1305 aead = init(false);
        byte[] out = new byte[Math.max(0, ciphertext.length - TAG_SIZE)];
        try {
            int n = aead.processBytes(ciphertext, 0, ciphertext.length, out, 0);
            aead.doFinal(out, n);
            return Optional.of(out);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            return Optional.empty();
        } finally {
            wipe();
        }
    }

    private ChaCha20Poly1305 init(boolean encrypt) {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        // Sequence number 0: the nonce is base_nonce itself.
        aead.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, nonce));
        return aead;
    }

    private void wipe() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(nonce, (byte) 0);
    }

    private static byte[] labeledExtract(byte[] suiteId, byte[] salt, String label, byte[] ikm) {
        byte[] labeledIkm = concat(ascii("HPKE-v1"), suiteId, ascii(label), ikm);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        // RFC 5869: an empty salt is HashLen zero bytes; HMAC pads the key with zeros either way.
        byte[] prk = hkdf.extractPRK(salt.length == 0 ? new byte[32] : salt, labeledIkm);
        Arrays.fill(labeledIkm, (byte) 0);
        return prk;
    }

    private static byte[] labeledExpand(byte[] suiteId, byte[] prk, String label, byte[] info, int length) {
        byte[] labeledInfo = concat(new byte[] {(byte) (length >>> 8), (byte) length}, ascii("HPKE-v1"),
                suiteId, ascii(label), info);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(HKDFParameters.skipExtractParameters(prk, labeledInfo));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
