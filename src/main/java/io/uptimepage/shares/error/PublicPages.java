package io.uptimepage.shares.error;

import jakarta.ws.rs.core.Response;

/**
 * The anonymous {@code /m/*} surface's failure pages, as {@link ErrorMapper} needs them. The pages themselves (their
 * markup, the asset URLs they link) belong to the public view, which implements this; the error package names only
 * what it maps to, so it depends on no feature package.
 */
public interface PublicPages {

    /**
     * The page for {@code status} (404, 400, 429 and 503 have their own; anything else answers 500), with
     * {@code Retry-After} when {@code retryAfterSeconds} is set.
     */
    Response failure(int status, Long retryAfterSeconds);

    default Response failure(int status) {
        return failure(status, null);
    }
}
