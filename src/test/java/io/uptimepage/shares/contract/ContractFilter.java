package io.uptimepage.shares.contract;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks every API answer the test suite receives against {@code docs/openapi.yaml}. Installed on RestAssured for the
 * whole run by {@link ContractExtension}; a response the spec does not allow fails the test that received it. Only
 * the operator and internal APIs are checked ({@code /api/}, {@code /internal/}); the public HTML routes are not
 * part of the generated-client contract.
 */
public final class ContractFilter implements Filter {

    static final AtomicInteger CHECKED = new AtomicInteger();
    private static boolean reporting;

    /** Called reflectively, in the class loader the tests run in, so it reaches the RestAssured they use. */
    public static synchronized void install() {
        uninstall();
        RestAssured.filters(new ContractFilter());
        if (!reporting) {
            reporting = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(
                    "OpenAPI contract: %d API responses checked against %s, all conforming%n", CHECKED.get(),
                    OpenApiContract.SPEC)));
        }
    }

    /** After the class: RestAssured's filters are static, and later classes in the same app must opt in themselves. */
    public static synchronized void uninstall() {
        RestAssured.replaceFiltersWith(RestAssured.filters().stream().filter(f -> !(f instanceof ContractFilter))
                .toList());
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        String path = URI.create(request.getURI()).getRawPath();
        if (!path.startsWith("/api/") && !path.startsWith("/internal/")) {
            return response;
        }
        List<String> violations = OpenApiContract.committed().violations(request.getMethod(), path,
                response.statusCode(), response.contentType(), response.asString());
        if (!violations.isEmpty()) {
            throw new AssertionError("the answer breaks docs/openapi.yaml:\n  " + String.join("\n  ", violations));
        }
        CHECKED.incrementAndGet();
        return response;
    }
}
