package io.uptimepage.shares.contract;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Auto-registered (src/test/resources/META-INF/services + junit-platform.properties) for every test class: installs
 * {@link ContractFilter} in the class loader the test class was loaded by (Quarkus tests run in their own).
 */
public final class ContractExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        loader.loadClass(ContractFilter.class.getName()).getMethod("install").invoke(null);
    }
}
