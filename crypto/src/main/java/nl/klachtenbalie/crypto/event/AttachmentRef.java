package nl.klachtenbalie.crypto.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nl.klachtenbalie.crypto.json.JsonException;
import nl.klachtenbalie.crypto.json.JsonParser;
import nl.klachtenbalie.crypto.json.JsonValues;
import nl.klachtenbalie.crypto.pad.Padding;

/**
 * A photo listed in a signed report (protocol §7.2): the attachment event itself carries no
 * signature, so it is bound to the report by the hash of its stored age file. The desk shows an
 * attachment only if an event with exactly this {@code sha256} exists at {@code seq}.
 *
 * @param seq the server sequence number of the attachment event
 * @param sha256 {@link EventHash} of the attachment's age file
 * @param bytes the size of the image file (before padding)
 */
public record AttachmentRef(long seq, String sha256, ImageType type, long bytes) {

    private static final Set<String> FIELDS = Set.of("seq", "sha256", "type", "bytes");

    /** The two image formats the browser strips metadata from; anything else is refused there. */
    public enum ImageType {
        JPEG("image/jpeg"), PNG("image/png");

        private final String mediaType;

        ImageType(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }

        static ImageType fromMediaType(String s) {
            for (ImageType t : values()) {
                if (t.mediaType.equals(s)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("attachment type must be image/jpeg or image/png");
        }
    }

    public AttachmentRef {
        Fields.positive("attachment seq", seq);
        Fields.hash("attachment sha256", sha256);
        if (type == null) {
            throw new IllegalArgumentException("attachment type is missing");
        }
        if (bytes < 1 || bytes > Padding.MAX_CONTENT_LENGTH) {
            throw new IllegalArgumentException("attachment size must be 1.." + Padding.MAX_CONTENT_LENGTH);
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("seq", seq);
        o.put("sha256", sha256);
        o.put("type", type.mediaType());
        o.put("bytes", bytes);
        return o;
    }

    static AttachmentRef fromJson(Object v) throws JsonException {
        Map<String, Object> o = JsonValues.object(v, FIELDS);
        return new AttachmentRef(JsonValues.integer(o.get("seq"), 1, JsonParser.MAX_SAFE_INTEGER),
                JsonValues.string(o.get("sha256")), ImageType.fromMediaType(JsonValues.string(o.get("type"))),
                JsonValues.integer(o.get("bytes"), 1, Padding.MAX_CONTENT_LENGTH));
    }
}
