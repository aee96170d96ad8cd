package io.uptimepage.shares.stats;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who a page view came from, without knowing who: HMAC-SHA256 under the day's salt of the client IP and User-Agent.
 * The IP and User-Agent only pass through here; the 32-byte result is all that is kept, and only for that day.
 */
public final class ViewerKey {

    /**
     * Link-preview and search crawlers: they fetch a link when it is pasted or indexed, not when a person looks at it.
     * Matched case-insensitively anywhere in the User-Agent.
     */
    private static final Pattern BOTS = Pattern.compile(String.join("|", "slackbot", "slack-imgproxy", "discordbot",
            "twitterbot", "facebookexternalhit", "facebookcatalog", "meta-externalagent", "linkedinbot", "telegrambot",
            "whatsapp", "googlebot", "google-inspectiontool", "bingbot", "applebot", "redditbot", "skypeuripreview",
            "microsoftpreview", "teams", "mattermost", "embedly", "iframely", "pinterest", "vkshare", "yandexbot",
            "duckduckbot", "baiduspider", "mastodon", "bluesky", "cardyb", "zoominfobot", "petalbot"));

    private ViewerKey() {
    }

    /** A link-preview bot or crawler: counted as a bot view, never as a view or a viewer. */
    public static boolean isBot(String userAgent) {
        return userAgent != null && BOTS.matcher(userAgent.toLowerCase(Locale.ROOT)).find();
    }

    /** HMAC-SHA256(salt, ip NUL user-agent): 32 bytes; a missing value hashes as empty. */
    public static byte[] hash(byte[] salt, String clientIp, String userAgent) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            mac.update((clientIp == null ? "" : clientIp).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal((userAgent == null ? "" : userAgent).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
