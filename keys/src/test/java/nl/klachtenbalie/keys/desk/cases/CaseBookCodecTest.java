package nl.klachtenbalie.keys.desk.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the snapshot complete: every field of {@link Case} and every state field of {@link CaseBook}
 * is stored. A field added to either (say, a re-pinned reply recipient) fails here until it has
 * its entry in {@link CaseBookCodec}; the schema hash then also retires every older snapshot.
 */
class CaseBookCodecTest {

    private static Set<String> instanceFields(Class<?> k) {
        return Arrays.stream(k.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyFieldOfACaseIsInTheSnapshot() {
        Set<String> fields = instanceFields(Case.class);
        fields.removeAll(CaseBookCodec.CASE_CACHES);
        assertEquals(fields, new CaseBookCodec().caseFieldNames());
    }

    @Test
    void everyStateFieldOfTheBookIsInTheSnapshot() throws Exception {
        Set<String> fields = instanceFields(CaseBook.class);
        fields.removeAll(CaseBookCodec.BOOK_COLLABORATORS);
        assertEquals(Set.of("cases", "deskWarnings", "waiting", "order"), fields);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new CaseBookCodec().write(new CaseBook(null, java.util.List.of(), null), out);
        assertEquals(new TreeSet<>(Set.of("cases", "deskWarnings", "waiting", "order")),
                iteratorToSet(new ObjectMapper().readTree(out.toByteArray()).fieldNames()));
    }

    @Test
    void theSchemaIsStableAndABodyWithoutAFieldIsMalformed() throws Exception {
        assertEquals(CaseSchema.hash(), CaseSchema.hash());
        String body = "{\"order\":3,\"cases\":[{\"mailbox\":\"m\",\"mailboxKey\":\"k\",\"replyRecipient\":\"r\","
                + "\"reportDay\":\"2026-01-01\",\"form\":{},\"lang\":\"nl\"}],\"deskWarnings\":[],\"waiting\":{}}";
        assertThrows(CaseBookCodec.Malformed.class,
                () -> new CaseBookCodec().read(new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        null, java.util.List.of(), null));
    }

    private static Set<String> iteratorToSet(java.util.Iterator<String> it) {
        Set<String> s = new TreeSet<>();
        it.forEachRemaining(s::add);
        return s;
    }
}
