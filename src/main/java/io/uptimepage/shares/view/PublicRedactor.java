package io.uptimepage.shares.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Public redaction of a check (DESIGN §6, the core's {@code redact_check_for_public}): what an anonymous viewer may
 * see of a monitor's configuration. Applied before anything is rendered or serialized, and before the header line
 * is derived ({@link CheckSummary}).
 *
 * <p>Whole classes of fields are masked wherever they appear in a known check kind, rather than allow-listing
 * sensitive names: every header value, any non-null body, basic-auth pairs, bearer tokens, every value a flow
 * {@code fill} step types, any field whose name says it holds a secret, and the userinfo, query and fragment of
 * every URL. A check kind this code does not know shows only its {@code type}: its fields' meaning is unknown, so
 * none of them is safe to show.
 */
public final class PublicRedactor {

    /** The core's redaction sentinel. */
    public static final String MASK = "***";

    /** Every check kind the core defines (DESIGN §9). */
    public static final Set<String> KNOWN_KINDS = Set.of("http", "tcp", "ping", "heartbeat", "tls_cert", "domain_expiry",
            "dns", "flow");

    /** Names that say "this holds a credential" in any kind (defence in depth beyond the named classes). */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api_?key|credential|private_?key|auth).*");

    /** An absolute URL: {@code scheme://…}. */
    private static final Pattern ABSOLUTE_URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PublicRedactor() {
    }

    /** A redacted deep copy of {@code check}; the argument is not modified. A null check becomes {@code {}}. */
    public static ObjectNode redact(ObjectNode check) {
        if (check == null) {
            return NODES.objectNode();
        }
        JsonNode type = check.get("type");
        String kind = type != null && type.isTextual() ? type.asText() : null;
        if (kind == null || !KNOWN_KINDS.contains(kind)) {
            ObjectNode only = NODES.objectNode();
            if (type != null && type.isTextual()) {
                only.set("type", type);
            }
            return only;
        }
        ObjectNode copy = check.deepCopy();
        redactObject(copy);
        return copy;
    }

    private static void redactObject(ObjectNode node) {
        boolean fillStep = "fill".equals(node.path("op").asText(null));
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value == null || value.isNull() || "type".equals(name) || "op".equals(name)) {
                continue;
            }
            field.setValue(redactField(name, value, fillStep));
        }
    }

    private static JsonNode redactField(String name, JsonNode value, boolean fillStep) {
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "headers":
                return maskValues(value);
            case "body":
                return TextNode.valueOf(MASK);
            case "basic_auth":
                return maskEach(value);
            default:
                break;
        }
        // A fill step types its value (often a password) into a page: mask everything but what it targets.
        if (fillStep && !"selector".equals(lower)) {
            return maskEach(value);
        }
        if (SECRET_NAME.matcher(lower).matches()) {
            return maskEach(value);
        }
        if (value.isTextual()) {
            String text = value.asText();
            boolean urlField = lower.equals("url") || lower.endsWith("_url");
            return urlField || ABSOLUTE_URL.matcher(text).matches() ? TextNode.valueOf(stripUrl(text)) : value;
        }
        if (value.isObject()) {
            redactObject((ObjectNode) value);
        } else if (value.isArray()) {
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isObject()) {
                    redactObject((ObjectNode) item);
                } else if (item.isTextual() && ABSOLUTE_URL.matcher(item.asText()).matches()) {
                    array.set(i, TextNode.valueOf(stripUrl(item.asText())));
                }
            }
        }
        return value;
    }

    /** Keeps an object's keys (which header is sent is not secret), masks every value. */
    private static JsonNode maskValues(JsonNode value) {
        if (!value.isObject()) {
            return maskEach(value);
        }
        ObjectNode masked = NODES.objectNode();
        value.fieldNames().forEachRemaining(k -> masked.put(k, MASK));
        return masked;
    }

    /** {@code ["u","p"]} → {@code ["***","***"]} (the shape says "configured"); anything else → {@code "***"}. */
    private static JsonNode maskEach(JsonNode value) {
        if (value.isNull()) {
            return value;
        }
        if (value.isArray()) {
            ArrayNode masked = NODES.arrayNode();
            value.forEach(v -> masked.add(v.isNull() ? NODES.nullNode() : TextNode.valueOf(MASK)));
            return masked;
        }
        return TextNode.valueOf(MASK);
    }

    /**
     * The URL without userinfo, query and fragment ({@code strip_url_credentials}): {@code scheme://host[:port]/path}.
     * Done on the text, not through {@code java.net.URI}, so a URL the JDK refuses to parse is still stripped.
     */
    public static String stripUrl(String url) {
        String s = cut(cut(url, '#'), '?');
        int scheme = s.indexOf("://");
        int authorityStart = scheme < 0 ? 0 : scheme + 3;
        int slash = s.indexOf('/', authorityStart);
        int authorityEnd = slash < 0 ? s.length() : slash;
        String authority = s.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        return s.substring(0, authorityStart) + authority + s.substring(authorityEnd);
    }

    private static String cut(String s, char c) {
        int i = s.indexOf(c);
        return i < 0 ? s : s.substring(0, i);
    }
}
