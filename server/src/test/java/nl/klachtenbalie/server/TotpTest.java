package nl.klachtenbalie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import nl.klachtenbalie.server.team.Totp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 appendix B, SHA-1 column (8 digits), and the 6-digit form apps use. */
class TotpTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"59,94287082", "1111111109,07081804", "1111111111,14050471", "1234567890,89005924",
        "2000000000,69279037", "20000000000,65353130"})
    void rfc6238Vectors(long time, String expected) {
        assertEquals(expected, Totp.code(SECRET, Totp.step(time), 8));
        assertEquals(expected.substring(2), Totp.code(SECRET, Totp.step(time), 6));
    }

    @ParameterizedTest
    @CsvSource({"1111111109,1111111079,true", "1111111109,1111111139,true", "1111111109,1111111170,false"})
    void oneStepOfDrift(long codeTime, long now, boolean accepted) {
        String code = Totp.code(SECRET, Totp.step(codeTime), 6);
        assertEquals(accepted, Totp.matchingStep(SECRET, code, now) >= 0);
    }

    @ParameterizedTest
    @CsvSource({"f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB", "foobar,MZXW6YTBOI"})
    void base32(String in, String out) {
        assertEquals(out, Totp.base32(in.getBytes(StandardCharsets.US_ASCII)));
    }
}
