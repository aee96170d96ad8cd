package io.uptimepage.shares.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Test resources shared by every {@code @QuarkusTest}: one real PostgreSQL and one WireMock core per run, so the
 * application boots once for the whole suite.
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(CoreStubResource.class)
public final class TestResources {
    private TestResources() {
    }
}
