package io.uptimepage.shares.contract;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered with {@code @ExtendWith} on the API test classes whose answers are checked: installs
 * {@link ContractFilter} in the class loader the test class was loaded by (Quarkus tests run in their own).
 */
public final class ContractExtension implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        loader.loadClass(ContractFilter.class.getName()).getMethod("install").invoke(null);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        loader.loadClass(ContractFilter.class.getName()).getMethod("uninstall").invoke(null);
    }
}
