package nl.klachtenbalie.crypto.event;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.json.JsonParser;

/**
 * The value rules shared by the event payloads (protocol §7). Each check throws
 * {@link IllegalArgumentException} with a message that names the field, never its value.
 */
final class Fields {

    /** The longest story, message, reply or note, in Unicode code points. */
    static final int MAX_TEXT = 20_000;

    private static final Pattern MAILBOX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    // A conservative BCP 47 subset: a 2–3 letter language and up to three subtags
    // (script, region, variant), e.g. "pl", "pt-BR", "sr-Latn-RS".
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");

    private Fields() {
    }

    static String mailbox(String field, String s) {
        return matches(field, s, MAILBOX, "32 lower-case hex characters");
    }

    static String hash(String field, String s) {
        return matches(field, s, HASH, "64 lower-case hex characters");
    }

    static String memberId(String field, String s) {
        return matches(field, s, MEMBER_ID, "1..64 characters of [A-Za-z0-9._-]");
    }

    static String lang(String field, String s) {
        if (s != null && s.length() > 35) {
            throw new IllegalArgumentException(field + " is too long");
        }
        return matches(field, s, LANG, "a language code such as pl or pt-BR");
    }

    private static String matches(String field, String s, Pattern p, String what) {
        if (s == null || !p.matcher(s).matches()) {
            throw new IllegalArgumentException(field + " must be " + what);
        }
        return s;
    }

    static long positive(String field, long n) {
        if (n < 1 || n > JsonParser.MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException(field + " must be 1..2^53-1");
        }
        return n;
    }

    /**
     * Free text: NFC, at most {@code max} code points, no control characters except tab and line
     * feed when {@code multiline} (a carriage return would give one message two spellings), no
     * unpaired surrogates; empty only if {@code allowEmpty}.
     */
    static String text(String field, String s, int max, boolean multiline, boolean allowEmpty) {
        if (s == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (s.isEmpty() && !allowEmpty) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        // Cheap bound first, so a huge string is refused before it is scanned code point by code point.
        if (s.length() > 2 * max) {
            throw new IllegalArgumentException(field + " is too long");
        }
        int count = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
                throw new IllegalArgumentException(field + " contains an unpaired surrogate");
            }
            boolean control = cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
            if (control && !(multiline && (cp == '\n' || cp == '\t'))) {
                throw new IllegalArgumentException(field + " contains a control character");
            }
            count++;
            i += Character.charCount(cp);
        }
        if (count > max) {
            throw new IllegalArgumentException(field + " is too long");
        }
        if (!Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
            throw new IllegalArgumentException(field + " is not in Unicode NFC");
        }
        return s;
    }

    /**
     * A canonical lower-case {@code age1…} X25519 recipient or, after the post-quantum flag day
     * (§9), a canonical {@code age1pq1…} hybrid recipient.
     */
    static String recipient(String field, String s) {
        boolean ok = false;
        if (s != null && s.length() == 62 && s.startsWith("age1")) {
            try {
                Bech32.Decoded d = Bech32.decode(s);
                ok = d.hrp().equals("age") && d.data().length == 32 && Bech32.encode("age", d.data()).equals(s);
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        } else if (s != null && s.length() <= 4096 && s.startsWith("age1pq1")) {
            try {
                ok = nl.klachtenbalie.crypto.age.HybridRecipient.parse(s).toString().equals(s);
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException(field + " must be a canonical age1… X25519 or age1pq1… hybrid recipient");
        }
        return s;
    }

    /** True for an {@code age1pq1…} (hybrid) recipient; the caller has checked it with {@link #recipient}. */
    static boolean isHybridRecipient(String s) {
        return s.startsWith("age1pq1");
    }

    static LocalDate date(String field, String s) {
        if (s == null || !DATE.matcher(s).matches()) {
            throw new IllegalArgumentException(field + " must be YYYY-MM-DD");
        }
        try {
            LocalDate d = LocalDate.parse(s); // strict ISO: 2026-02-30 is refused
            if (d.getYear() < 1) {
                throw new IllegalArgumentException(field + " is out of range");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a calendar date");
        }
    }

    static void date(String field, LocalDate d) {
        if (d == null || d.getYear() < 1 || d.getYear() > 9999) {
            throw new IllegalArgumentException(field + " is missing or out of range");
        }
    }

    static YearMonth month(String field, String s) {
        if (s == null || !MONTH.matcher(s).matches()) {
            throw new IllegalArgumentException(field + " must be YYYY-MM");
        }
        int year = Integer.parseInt(s.substring(0, 4));
        int month = Integer.parseInt(s.substring(5));
        if (year < 1 || month < 1 || month > 12) {
            throw new IllegalArgumentException(field + " is not a calendar month");
        }
        return YearMonth.of(year, month);
    }

    static void month(String field, YearMonth m) {
        if (m != null && (m.getYear() < 1 || m.getYear() > 9999)) {
            throw new IllegalArgumentException(field + " is out of range");
        }
    }

    /** {@code YYYY-MM}, zero-padded, as written to JSON. */
    static String monthString(YearMonth m) {
        return String.format(java.util.Locale.ROOT, "%04d-%02d", m.getYear(), m.getMonthValue());
    }

    /** {@code YYYY-MM-DD}, zero-padded (LocalDate.toString would not pad years below 1000 the same way). */
    static String dateString(LocalDate d) {
        return String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }
}
