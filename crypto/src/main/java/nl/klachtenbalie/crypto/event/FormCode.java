package nl.klachtenbalie.crypto.event;

/** One answer code of the report form (protocol §7.4): the exact string written to JSON. */
public interface FormCode {

    /** The JSON spelling, e.g. {@code rights_info}. */
    String code();

    /** The constant whose code is {@code code}, or an {@link IllegalArgumentException}. */
    static <E extends Enum<E> & FormCode> E fromCode(Class<E> type, String field, String code) {
        for (E e : type.getEnumConstants()) {
            if (e.code().equals(code)) {
                return e;
            }
        }
        throw new IllegalArgumentException(field + " is not one of the listed codes");
    }
}
