package io.uptimepage.shares.openapi;

/** Names of the security schemes declared in this package's {@code package-info.java} (the document-level part). */
public final class ApiDefinition {

    /** Security scheme of the operator API. */
    public static final String OPERATOR = "operatorJwt";
    /** Security scheme of the internal API. */
    public static final String INTERNAL = "internalToken";

    private ApiDefinition() {
    }
}
