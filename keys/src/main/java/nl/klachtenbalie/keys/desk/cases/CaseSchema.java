package nl.klachtenbalie.keys.desk.cases;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import nl.klachtenbalie.keys.desk.events.InternalPayload;
import nl.klachtenbalie.keys.desk.events.Signed;

/** Which shape of case state a snapshot holds (protocol §10.2): snapshots of another shape are replayed instead. */
public final class CaseSchema {

    /** Bump when the meaning of a stored field changes without its name or type changing. */
    static final int VERSION = 1;

    private CaseSchema() {
    }

    /**
     * A hash of the declared fields (name and generic type) of every class whose state the
     * snapshot holds, with {@link #VERSION}: changes whenever a field is added, removed or retyped.
     */
    public static String hash() {
        StringBuilder sb = new StringBuilder("v").append(VERSION).append('\n');
        for (Class<?> k : List.of(CaseBook.class, Case.class, Photo.class, ConversationItem.class, Note.class,
                Warning.class, InternalPayload.class, Signed.class, CaseState.class)) {
            sb.append(k.getSimpleName()).append(':');
            if (k.isRecord()) {
                for (RecordComponent rc : k.getRecordComponents()) {
                    sb.append(rc.getName()).append('=').append(rc.getGenericType().getTypeName()).append(';');
                }
            } else if (k.isEnum()) {
                Arrays.stream(k.getEnumConstants()).forEach(e -> sb.append(e).append(';'));
            } else {
                for (Field f : k.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        sb.append(f.getName()).append('=').append(f.getGenericType().getTypeName()).append(';');
                    }
                }
            }
            sb.append('\n');
        }
        return Sha256.hex(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

}
