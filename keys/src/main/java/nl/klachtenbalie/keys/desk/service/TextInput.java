package nl.klachtenbalie.keys.desk.service;

import java.text.Normalizer;
import nl.klachtenbalie.keys.desk.DeskException;
import nl.klachtenbalie.keys.desk.events.EventCodec;

/** Text a team member typed (a reply, a note), made canonical before it is signed. */
final class TextInput {

    private TextInput() {
    }

    /** NFC, Unix line ends, trimmed; empty or longer than §7 allows is refused with {@code errorKey}. */
    static String clean(String text, String errorKey) {
        String clean = Normalizer.normalize(text.replace("\r\n", "\n"), Normalizer.Form.NFC).strip();
        if (clean.isEmpty() || clean.codePointCount(0, clean.length()) > EventCodec.MAX_TEXT) {
            throw new DeskException(errorKey, EventCodec.MAX_TEXT);
        }
        return clean;
    }
}
