package io.uptimepage.shares.openapi;

/** Names of the security schemes declared in this package's {@code package-info.java} (the document-level part). */
public final class ApiDefinition {

    /** Security scheme of the operator API. */
    public static final String OPERATOR = "operatorJwt";
    /** Security scheme of the internal API. */
    public static final String INTERNAL = "internalToken";

    /** Description of a {@code targetId} path parameter. */
    public static final String TARGET_ID = "the monitor (core target) id; an unknown or malformed one is 404 "
            + "TARGET_NOT_FOUND";
    /** Description of a {@code shareId} path parameter. */
    public static final String SHARE_ID = "the link's id; a missing, foreign or malformed one is 404 SHARE_NOT_FOUND";

    private ApiDefinition() {
    }
}
