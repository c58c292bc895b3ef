package nl.klachtenbalie.crypto.bundle;

import java.time.LocalDate;
import nl.klachtenbalie.crypto.json.JsonException;
import nl.klachtenbalie.crypto.json.JsonParser;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.klachtenbalie.crypto.json.JsonWriter;
import nl.klachtenbalie.crypto.receipt.Argon2Params;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import org.bouncycastle.util.encoders.Hex;

/**
 * Maps {@link TeamBundlePayload} to and from its JSON bytes. The writer fixes the field order; the
 * reader accepts any order but requires every field, refuses unknown ones and checks every type,
 * then hands the values to the payload's constructor for the semantic rules.
 */
final class PayloadJson {

    private static final Set<String> TOP = Set.of("format", "deployment", "version", "issued", "expires",
            "rootKey", "argon2", "recipients", "members", "assets");
    private static final Set<String> ARGON2 = Set.of("salt", "m", "t", "p");
    private static final Set<String> MEMBER = Set.of("id", "recipient", "signingKey", "status", "since");

    private PayloadJson() {
    }

    static byte[] write(TeamBundlePayload p) {
        Map<String, Object> argon2 = new LinkedHashMap<>();
        argon2.put("salt", Hex.toHexString(p.argon2Salt()));
        argon2.put("m", (long) p.argon2Params().memoryKiB());
        argon2.put("t", (long) p.argon2Params().iterations());
        argon2.put("p", (long) p.argon2Params().parallelism());
        List<Object> members = new ArrayList<>();
        for (Member m : p.members()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", m.id());
            o.put("recipient", m.recipient());
            o.put("signingKey", m.signingKey().hex());
            o.put("status", m.status().json());
            o.put("since", m.since().toString());
            members.add(o);
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("format", TeamBundlePayload.FORMAT);
        top.put("deployment", p.deployment());
        top.put("version", p.version());
        top.put("issued", p.issued().toString());
        top.put("expires", p.expires().toString());
        top.put("rootKey", p.rootKey().hex());
        top.put("argon2", argon2);
        top.put("recipients", new ArrayList<Object>(p.recipients()));
        top.put("members", members);
        top.put("assets", new LinkedHashMap<String, Object>(p.assets())); // already sorted by path
        return JsonWriter.write(top);
    }

    static TeamBundlePayload read(byte[] json) throws BundleException {
        try {
            Map<String, Object> top = object(JsonParser.parse(json), TOP);
            if (!TeamBundlePayload.FORMAT.equals(string(top, "format"))) {
                throw new IllegalArgumentException("unknown format");
            }
            Map<String, Object> a = object(top.get("argon2"), ARGON2);
            String saltHex = string(a, "salt");
            if (!saltHex.matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("salt must be 32 lower-case hex characters");
            }
            Argon2Params params = new Argon2Params(smallInt(a, "m"), smallInt(a, "t"), smallInt(a, "p"));
            List<String> recipients = new ArrayList<>();
            for (Object r : list(top.get("recipients"))) {
                recipients.add(string(r));
            }
            List<Member> members = new ArrayList<>();
            for (Object o : list(top.get("members"))) {
                Map<String, Object> m = object(o, MEMBER);
                members.add(new Member(string(m, "id"), string(m, "recipient"), key(string(m, "signingKey")),
                        MemberStatus.fromJson(string(m, "status")), date(string(m, "since"))));
            }
            Map<String, String> assets = new LinkedHashMap<>();
            Map<String, Object> rawAssets = object(top.get("assets"), null);
            for (Map.Entry<String, Object> e : rawAssets.entrySet()) {
                assets.put(e.getKey(), string(e.getValue()));
            }
            Object version = top.get("version");
            if (!(version instanceof Long v)) {
                throw new IllegalArgumentException("version must be an integer");
            }
            return new TeamBundlePayload(string(top, "deployment"), v, date(string(top, "issued")),
                    date(string(top, "expires")), key(string(top, "rootKey")), Hex.decode(saltHex), params,
                    recipients, members, assets);
        } catch (JsonException | IllegalArgumentException e) {
            throw new BundleException(BundleException.Kind.MALFORMED, "payload: " + e.getMessage());
        }
    }

    /** An object with exactly {@code keys} (or any keys if null). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, Set<String> keys) {
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("expected an object");
        }
        Map<String, Object> m = (Map<String, Object>) v;
        if (keys != null && !m.keySet().equals(keys)) {
            throw new IllegalArgumentException("missing or unknown fields");
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v) {
        if (!(v instanceof List)) {
            throw new IllegalArgumentException("expected an array");
        }
        return (List<Object>) v;
    }

    private static String string(Map<String, Object> m, String key) {
        return string(m.get(key));
    }

    private static String string(Object v) {
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("expected a string");
        }
        return s;
    }

    private static int smallInt(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected a small non-negative integer");
        }
        return (int) (long) n;
    }

    private static Ed25519PublicKey key(String hex) {
        return Ed25519PublicKey.fromHex(hex);
    }

    private static LocalDate date(String s) {
        if (!s.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            throw new IllegalArgumentException("date must be YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(s); // ISO_LOCAL_DATE resolves strictly: 2025-02-30 is refused
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a calendar date");
        }
    }
}
