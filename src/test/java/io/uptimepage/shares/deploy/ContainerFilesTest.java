package io.uptimepage.shares.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Keeps {@code deployment/} (image build and laptop compose file) consistent with {@code k8s/}: the image runs as
 * the uid and on the port the Deployment assumes, and compose only sets variables of the configuration contract.
 */
class ContainerFilesTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** DESIGN.md section 10. */
    private static final Set<String> CONFIGURATION_CONTRACT = Set.of(
            "QUARKUS_HTTP_PORT",
            "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "SHARES_DATA_DIR", "SHARES_CORE_URL", "SHARES_CORE_TOKEN", "SHARES_PUBLIC_BASE_URL",
            "SHARES_KEK", "SHARES_KEK_PREVIOUS", "SHARES_INTERNAL_TOKEN",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES");

    @Test
    void imageRunsAsTheUidAndOnThePortTheDeploymentExpects() throws IOException {
        List<String> dockerfile = Files.readAllLines(Path.of("deployment/Dockerfile.jvm"));
        PodSpec pod;
        try (var in = Files.newInputStream(Path.of("k8s/deployment.yaml"))) {
            pod = SERIALIZATION.unmarshal(in, Deployment.class).getSpec().getTemplate().getSpec();
        }

        assertEquals(List.of("USER " + pod.getSecurityContext().getRunAsUser()), instructions(dockerfile, "USER"));
        assertEquals(List.of("EXPOSE " + pod.getContainers().get(0).getPorts().get(0).getContainerPort()),
                instructions(dockerfile, "EXPOSE"));
        // The fast-jar in four layers, dependencies first, so a code change only rebuilds the app layer.
        assertEquals(List.of(
                "COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
                "COPY --chown=185 target/quarkus-app/*.jar /deployments/",
                "COPY --chown=185 target/quarkus-app/app/ /deployments/app/",
                "COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/"),
                instructions(dockerfile, "COPY"));
        assertTrue(dockerfile.stream().anyMatch(l -> l.startsWith("ENV JAVA_OPTS")
                && l.contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager")));
    }

    @Test
    void composeSetsOnlyContractVariablesAndKeepsTheDemoCore() throws IOException {
        Map<String, Object> compose = SERIALIZATION.unmarshal(
                Files.readString(Path.of("deployment/compose.yaml")), Map.class);
        Map<?, ?> service = (Map<?, ?>) ((Map<?, ?>) compose.get("services")).get("share-links");
        Set<String> variables = new TreeSet<>();
        ((Map<?, ?>) service.get("environment")).keySet().forEach(key -> variables.add(key.toString()));

        Set<String> outsideContract = new TreeSet<>(variables);
        outsideContract.removeAll(CONFIGURATION_CONTRACT);
        assertEquals(Set.of(), outsideContract, "compose sets variables outside DESIGN.md section 10");
        assertFalse(variables.contains("SHARES_CORE_URL"), "unset SHARES_CORE_URL is what turns the demo core on");
        assertEquals("deployment/Dockerfile.jvm", ((Map<?, ?>) service.get("build")).get("dockerfile"));
    }

    private static List<String> instructions(List<String> dockerfile, String keyword) {
        return dockerfile.stream().filter(line -> line.startsWith(keyword + " ")).toList();
    }
}
