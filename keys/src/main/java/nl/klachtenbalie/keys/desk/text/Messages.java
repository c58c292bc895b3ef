package nl.klachtenbalie.keys.desk.text;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The desk's user-facing text, from {@code desk/messages*.properties} (English first, Dutch
 * beside it). Placeholders are {@code {0}}, {@code {1}}…, replaced literally — no
 * {@code MessageFormat}, whose quoting rules trip over every apostrophe in a sentence.
 */
public final class Messages {

    private final ResourceBundle bundle;
    private final Locale locale;

    public Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("desk.messages", locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() {
        return locale;
    }

    /** The message for {@code key}; a missing key shows itself, so a gap is visible, not fatal. */
    public String get(String key, Object... args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "[" + key + "]";
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    public String get(String key, List<Object> args) {
        return get(key, args.toArray());
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
