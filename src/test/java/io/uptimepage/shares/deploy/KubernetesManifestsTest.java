package io.uptimepage.shares.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Reads every manifest under {@code k8s/} into typed Kubernetes objects and checks what an operator relies on:
 * probes on the Quarkus health endpoints, the configuration contract of DESIGN.md section 10, secrets only
 * from a Secret, public routing limited to {@code /m/} and the shares API, a hardened pod, a shutdown window
 * long enough to flush view counts, and scaling objects that point at the right pods.
 *
 * <p>Plain JUnit: no cluster and no Quarkus application. Paths are relative to the project root, which is
 * Surefire's working directory.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** DESIGN.md section 10, plus SHARES_TRUSTED_PROXIES (issue 8): every environment variable a deployment may set. */
    private static final Set<String> CONFIGURATION_CONTRACT = Set.of(
            "QUARKUS_HTTP_PORT",
            "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "SHARES_DATA_DIR", "SHARES_CORE_URL", "SHARES_CORE_TOKEN", "SHARES_PUBLIC_BASE_URL",
            "SHARES_KEK", "SHARES_KEK_PREVIOUS", "SHARES_INTERNAL_TOKEN", "SHARES_TRUSTED_PROXIES",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES");

    /** The part of the contract that is secret: it may only ever come from a Secret. */
    private static final Set<String> SECRET_VARIABLES = Set.of(
            "SHARES_KEK", "SHARES_KEK_PREVIOUS", "SHARES_CORE_TOKEN", "SHARES_INTERNAL_TOKEN",
            "QUARKUS_DATASOURCE_PASSWORD");

    /** {@code quarkus.shutdown.timeout}: how long Quarkus drains and flushes buffered view counts after SIGTERM. */
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 20;

    /** The shares API as an ingress-nginx regex path: {id} is a middle segment, which Prefix cannot express. */
    private static final String SHARES_API_PATH = "/api/v1/targets/[^/]+/shares(/|$)";

    private static final String HTTP_PORT_NAME = "http";
    private static final int HTTP_PORT = 8080;

    @Test
    void probesPointAtQuarkusHealthEndpoints() {
        Container container = theContainer();

        assertAll(
                () -> assertProbe("startupProbe", container.getStartupProbe(), "/q/health/started"),
                () -> assertProbe("readinessProbe", container.getReadinessProbe(), "/q/health/ready"),
                () -> assertProbe("livenessProbe", container.getLivenessProbe(), "/q/health/live"));
    }

    @Test
    void everyEnvNameIsInTheConfigurationContract() {
        Map<String, String> sources = environmentOf(theContainer());

        assertFalse(sources.isEmpty(), "the Deployment sets no environment at all");
        Map<String, String> outsideContract = new TreeMap<>(sources);
        outsideContract.keySet().removeAll(CONFIGURATION_CONTRACT);
        assertEquals(Map.of(), outsideContract,
                "variables not in DESIGN.md section 10 (name -> where it comes from)");
    }

    @Test
    void everySecretVariableReachesThePodFromTheSecret() {
        Map<String, String> sources = environmentOf(theContainer());

        for (String name : SECRET_VARIABLES) {
            assertEquals("secret share-links", sources.get(name), name + " must come from the Secret share-links");
        }
    }

    @Test
    void secretExampleHoldsOnlyPlaceholders() {
        Secret secret = the(Secret.class, "secret.example.yaml");
        Pattern placeholder = Pattern.compile("REPLACE_ME_[A-Za-z0-9_]+");

        assertTrue(secret.getData() == null || secret.getData().isEmpty(),
                "the example must not carry pre-encoded data: values there cannot be read as placeholders");
        assertEquals(new TreeSet<>(SECRET_VARIABLES), new TreeSet<>(secret.getStringData().keySet()));
        secret.getStringData().forEach((key, value) -> assertAll(key,
                () -> assertTrue(value.isEmpty() || placeholder.matcher(value).matches(),
                        key + " is neither empty nor a REPLACE_ME_ placeholder"),
                () -> assertFalse(decodesTo32Bytes(value), key + " looks like a real 32-byte key")));
    }

    @Test
    void noSecretValueInlineInDeploymentOrConfigMap() {
        Container container = theContainer();
        List<String> problems = new ArrayList<>();

        for (EnvVar env : nullToEmpty(container.getEnv())) {
            if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null
                    && SECRET_VARIABLES.contains(env.getName())) {
                problems.add(env.getName() + " read from a ConfigMap");
            }
            if (SECRET_VARIABLES.contains(env.getName())
                    && (env.getValue() != null || env.getValueFrom() == null
                            || env.getValueFrom().getSecretKeyRef() == null)) {
                problems.add(env.getName() + " set inline instead of through secretKeyRef");
            }
        }
        // URLs that embed credentials would smuggle a secret past the key check below.
        Pattern inlineCredential = Pattern.compile("(?i)(password=|://[^/@\\s]+:[^/@\\s]+@)");
        for (ConfigMap configMap : all(ConfigMap.class, "configmap.yaml")) {
            nullToEmpty(configMap.getData()).forEach((key, value) -> {
                if (SECRET_VARIABLES.contains(key)) {
                    problems.add("ConfigMap " + name(configMap) + " holds secret " + key);
                }
                if (inlineCredential.matcher(value).find()) {
                    problems.add("ConfigMap " + name(configMap) + " key " + key + " embeds a credential");
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void jwtPublicKeyIsMountedReadOnlyWhereTheConfigurationPointsAt() {
        PodSpec pod = podSpec();
        Container container = theContainer();
        String location = envConfigMapValue("MP_JWT_VERIFY_PUBLICKEY_LOCATION");

        VolumeMount mount = nullToEmpty(container.getVolumeMounts()).stream()
                .filter(m -> location.startsWith(m.getMountPath() + "/"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + location));
        assertEquals(Boolean.TRUE, mount.getReadOnly(), "the JWT key mount must be read-only");

        Volume volume = volume(pod, mount.getName());
        assertNotNull(volume.getConfigMap(), "the JWT key comes from a ConfigMap");
        String fileName = location.substring(mount.getMountPath().length() + 1);
        ConfigMap keyMap = named(all(ConfigMap.class, "configmap.yaml"), volume.getConfigMap().getName());
        String key = nullToEmpty(volume.getConfigMap().getItems()).stream()
                .filter(item -> item.getPath().equals(fileName))
                .map(item -> item.getKey())
                .findFirst()
                .orElse(fileName);
        String pem = keyMap.getData().get(key);
        assertNotNull(pem, "ConfigMap " + name(keyMap) + " has no key " + key);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), "the mounted file is a public-key PEM");
    }

    @Test
    void ingressRoutesOnlyPublicPagesAndSharesApi() {
        Ingress ingress = the(Ingress.class, "ingress.yaml");
        Service service = the(Service.class, "service.yaml");
        List<HTTPIngressPath> paths = ingress.getSpec().getRules().stream()
                .map(IngressRule::getHttp)
                .flatMap(http -> http.getPaths().stream())
                .toList();

        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertNull(ingress.getSpec().getDefaultBackend(), "a default backend would route every other path here");
        assertEquals("true", ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/use-regex"));
        assertEquals(Map.of("/m/", "Prefix", SHARES_API_PATH, "ImplementationSpecific"),
                paths.stream().collect(Collectors.toMap(HTTPIngressPath::getPath, HTTPIngressPath::getPathType)));
        for (HTTPIngressPath path : paths) {
            assertEquals(name(service), path.getBackend().getService().getName());
            assertEquals(HTTP_PORT_NAME, path.getBackend().getService().getPort().getName());
        }

        // ingress-nginx with use-regex renders each path as `location ~* "^<path>"`.
        List<Pattern> locations = paths.stream()
                .map(p -> Pattern.compile("^" + p.getPath(), Pattern.CASE_INSENSITIVE))
                .toList();
        for (String routed : List.of("/m/AbC-123_xyz", "/m/AbC-123_xyz/live", "/m/_/app.css",
                "/api/v1/targets/42/shares", "/api/v1/targets/42/shares/7")) {
            assertTrue(locations.stream().anyMatch(l -> l.matcher(routed).lookingAt()), routed + " must be routed");
        }
        for (String notRouted : List.of("/internal/v1/targets/42/deleted", "/q/health/ready", "/q/metrics",
                "/q/openapi", "/", "/m", "/api/v1/targets/42", "/api/v1/targets/42/results",
                "/api/v1/targets/42/sharesx", "/api/v1/targets/42/x/shares", "/api/v1/targets//shares")) {
            assertFalse(locations.stream().anyMatch(l -> l.matcher(notRouted).lookingAt()),
                    notRouted + " must not be routed to share-links");
        }
    }

    @Test
    void containersHaveRequestsAndLimits() {
        List<Container> containers = new ArrayList<>(podSpec().getContainers());
        containers.addAll(nullToEmpty(podSpec().getInitContainers()));

        for (Container container : containers) {
            Map<String, Quantity> requests = nullToEmpty(container.getResources().getRequests());
            Map<String, Quantity> limits = nullToEmpty(container.getResources().getLimits());
            for (String resource : List.of("cpu", "memory")) {
                assertNotNull(requests.get(resource), container.getName() + " has no " + resource + " request");
                assertNotNull(limits.get(resource), container.getName() + " has no " + resource + " limit");
                BigDecimal request = Quantity.getAmountInBytes(requests.get(resource));
                BigDecimal limit = Quantity.getAmountInBytes(limits.get(resource));
                assertTrue(request.compareTo(limit) <= 0,
                        container.getName() + ": " + resource + " request above its limit");
            }
        }
    }

    @Test
    void podRunsNonRootWithReadOnlyRootFilesystem() {
        PodSpec pod = podSpec();
        PodSecurityContext podSecurity = pod.getSecurityContext();

        assertEquals(Boolean.TRUE, podSecurity.getRunAsNonRoot());
        assertNotEquals(0L, podSecurity.getRunAsUser(), "uid 0 contradicts runAsNonRoot");
        assertEquals("RuntimeDefault", podSecurity.getSeccompProfile().getType());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), "the service never calls the API server");
        for (Container container : pod.getContainers()) {
            SecurityContext security = container.getSecurityContext();
            assertAll(container.getName(),
                    () -> assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem()),
                    () -> assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation()),
                    () -> assertNotEquals(Boolean.TRUE, security.getPrivileged()),
                    () -> assertEquals(List.of("ALL"), security.getCapabilities().getDrop()),
                    () -> assertTrue(nullToEmpty(security.getCapabilities().getAdd()).isEmpty()));

            // A read-only root needs a writable /tmp for Quarkus and the JVM.
            VolumeMount tmp = nullToEmpty(container.getVolumeMounts()).stream()
                    .filter(m -> m.getMountPath().equals("/tmp"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(container.getName() + " has no writable /tmp"));
            assertNotEquals(Boolean.TRUE, tmp.getReadOnly());
            assertNotNull(volume(pod, tmp.getName()).getEmptyDir(), "/tmp is an emptyDir");
        }
        ServiceAccount account = the(ServiceAccount.class, "serviceaccount.yaml");
        assertEquals(name(account), pod.getServiceAccountName());
        assertEquals(Boolean.FALSE, account.getAutomountServiceAccountToken());
    }

    @Test
    void terminationGraceCoversViewCountFlush() {
        PodSpec pod = podSpec();
        long grace = pod.getTerminationGracePeriodSeconds();
        LifecycleHandler preStop = theContainer().getLifecycle().getPreStop();

        assertNotNull(preStop.getSleep(), "a preStop sleep lets the ingress stop routing before SIGTERM");
        long preStopSeconds = preStop.getSleep().getSeconds();
        assertTrue(preStopSeconds >= 3, "a few seconds are needed for endpoint removal to reach the ingress");
        assertTrue(grace >= 30, "terminationGracePeriodSeconds " + grace + " < 30");
        // The preStop hook runs inside the grace period: SIGTERM only arrives after it.
        assertTrue(grace >= preStopSeconds + SHUTDOWN_TIMEOUT_SECONDS,
                "preStop " + preStopSeconds + " s + shutdown " + SHUTDOWN_TIMEOUT_SECONDS + " s exceed grace "
                        + grace + " s: view counts would be lost to SIGKILL");
    }

    @Test
    void serviceSelectsDeploymentPods() {
        Deployment deployment = the(Deployment.class, "deployment.yaml");
        Service service = the(Service.class, "service.yaml");
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        assertSelects(service.getSpec().getSelector(), podLabels, "Service");
        assertSelects(deployment.getSpec().getSelector().getMatchLabels(), podLabels, "Deployment selector");
        assertEquals(List.of(HTTP_PORT), theContainer().getPorts().stream()
                .filter(p -> HTTP_PORT_NAME.equals(p.getName())).map(p -> p.getContainerPort()).toList());
        service.getSpec().getPorts().forEach(port -> assertEquals(HTTP_PORT_NAME, port.getTargetPort().getStrVal(),
                "Service port " + port.getName() + " must target the container's named http port"));
    }

    @Test
    void hpaAndPdbTargetTheDeployment() {
        Deployment deployment = the(Deployment.class, "deployment.yaml");
        HorizontalPodAutoscaler hpa = the(HorizontalPodAutoscaler.class, "hpa.yaml");
        PodDisruptionBudget pdb = the(PodDisruptionBudget.class, "pdb.yaml");
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        assertEquals("apps/v1", hpa.getSpec().getScaleTargetRef().getApiVersion());
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(name(deployment), hpa.getSpec().getScaleTargetRef().getName());
        assertEquals(2, hpa.getSpec().getMinReplicas());
        assertEquals(6, hpa.getSpec().getMaxReplicas());
        MetricSpec cpu = hpa.getSpec().getMetrics().stream()
                .filter(m -> m.getResource() != null && "cpu".equals(m.getResource().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the HPA does not scale on CPU"));
        assertEquals("Utilization", cpu.getResource().getTarget().getType());
        assertEquals(70, cpu.getResource().getTarget().getAverageUtilization());
        assertEquals(hpa.getSpec().getMinReplicas(), deployment.getSpec().getReplicas(),
                "the Deployment's replicas should start where the HPA's floor is");

        assertSelects(pdb.getSpec().getSelector().getMatchLabels(), podLabels, "PodDisruptionBudget");
        IntOrString minAvailable = pdb.getSpec().getMinAvailable();
        assertEquals(1, minAvailable.getIntVal());
        assertTrue(minAvailable.getIntVal() < hpa.getSpec().getMinReplicas(),
                "minAvailable must stay below the replica floor or node drains block forever");
    }

    @Test
    void networkPolicyAllowsOnlyIngressControllerAndMainApp() {
        NetworkPolicy policy = the(NetworkPolicy.class, "networkpolicy.yaml");
        Map<String, String> podLabels = the(Deployment.class, "deployment.yaml")
                .getSpec().getTemplate().getMetadata().getLabels();

        assertSelects(policy.getSpec().getPodSelector().getMatchLabels(), podLabels, "NetworkPolicy");
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(policy.getSpec().getPolicyTypes()));

        Set<String> ingressPeers = new TreeSet<>();
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            assertFalse(nullToEmpty(rule.getFrom()).isEmpty(), "an ingress rule without `from` admits everyone");
            assertEquals(List.of("TCP/" + HTTP_PORT), ports(rule.getPorts()), "ingress is allowed on 8080 only");
            rule.getFrom().forEach(peer -> ingressPeers.add(describe(peer)));
        }
        assertEquals(new TreeSet<>(Set.of(
                "namespace{kubernetes.io/metadata.name=ingress-nginx} "
                        + "pods{app.kubernetes.io/component=controller, app.kubernetes.io/name=ingress-nginx}",
                "pods{app.kubernetes.io/name=uptimepage}")), ingressPeers);

        Map<String, Set<String>> egressPeersByPort = new TreeMap<>();
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            assertFalse(nullToEmpty(rule.getPorts()).isEmpty(), "an egress rule without ports allows every port");
            Set<String> peers = nullToEmpty(rule.getTo()).stream().map(KubernetesManifestsTest::describe)
                    .collect(Collectors.toCollection(TreeSet::new));
            for (String port : ports(rule.getPorts())) {
                egressPeersByPort.computeIfAbsent(port, p -> new TreeSet<>())
                        .addAll(peers.isEmpty() ? Set.of("anywhere") : peers);
            }
        }
        String dns = "namespace{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns}";
        assertEquals(Map.of(
                "TCP/5432", Set.of("anywhere"),
                "TCP/8080", Set.of("pods{app.kubernetes.io/name=uptimepage}"),
                "UDP/53", Set.of(dns),
                "TCP/53", Set.of(dns)), egressPeersByPort);
    }

    @Test
    void everyObjectCarriesAppKubernetesIoLabels() throws IOException {
        List<HasMetadata> objects = manifestFiles().stream()
                .flatMap(file -> objectsIn(file).stream())
                .toList();
        Deployment deployment = the(Deployment.class, "deployment.yaml");
        String version = deployment.getMetadata().getLabels().get("app.kubernetes.io/version");

        assertNotNull(version, "the Deployment has no app.kubernetes.io/version");
        List<Map<String, String>> labelSets = new ArrayList<>();
        objects.forEach(object -> labelSets.add(object.getMetadata().getLabels()));
        labelSets.add(deployment.getSpec().getTemplate().getMetadata().getLabels());
        for (Map<String, String> labels : labelSets) {
            assertNotNull(labels, "an object without labels");
            assertAll(labels.toString(),
                    () -> assertEquals("share-links", labels.get("app.kubernetes.io/name")),
                    () -> assertEquals("uptimepage", labels.get("app.kubernetes.io/part-of")),
                    () -> assertFalse(Objects.requireNonNullElse(labels.get("app.kubernetes.io/component"), "")
                            .isBlank()),
                    () -> assertEquals(version, labels.get("app.kubernetes.io/version")));
        }
        String image = theContainer().getImage();
        assertTrue(image.endsWith(":" + version), "image " + image + " does not carry the labelled version");
    }

    @Test
    void manifestsUseOnlyFieldsKubernetesKnows() throws IOException {
        // The model keeps unknown (e.g. misspelt) fields aside instead of failing; a misspelt
        // readOnlyRootFilesystem would otherwise silently turn a protection off.
        List<String> unknown = new ArrayList<>();
        for (String file : manifestFiles()) {
            for (HasMetadata object : objectsIn(file)) {
                collectUnknownFields(object, file + ":" + object.getKind(), unknown);
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void kustomizationListsEveryManifestButTheSecretExample() throws IOException {
        Map<String, Object> kustomization = SERIALIZATION.unmarshal(
                Files.readString(K8S.resolve("kustomization.yaml")), Map.class);

        Set<String> expected = new TreeSet<>(manifestFiles());
        expected.remove("secret.example.yaml");
        Set<String> listed = ((List<?>) kustomization.get("resources")).stream()
                .map(String::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, listed);
    }

    // ---- reading the manifests

    /** Every *.yaml under k8s/ that holds Kubernetes objects (all but kustomization.yaml). */
    private static List<String> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        }
    }

    private static List<HasMetadata> objectsIn(String file) {
        Object parsed;
        try (InputStream in = Files.newInputStream(K8S.resolve(file))) {
            parsed = SERIALIZATION.unmarshal(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        if (parsed instanceof KubernetesList list) {
            return list.getItems();
        }
        if (parsed instanceof List<?> list) {
            return list.stream().map(HasMetadata.class::cast).toList();
        }
        return List.of((HasMetadata) parsed);
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type, String file) {
        List<HasMetadata> objects = objectsIn(file);
        List<T> typed = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(objects.size(), typed.size(), file + " should hold only " + type.getSimpleName() + " objects, not "
                + objects.stream().map(o -> o.getClass().getSimpleName()).toList());
        return typed;
    }

    private static <T extends HasMetadata> T the(Class<T> type, String file) {
        List<T> objects = all(type, file);
        assertEquals(1, objects.size(), file + " should hold exactly one " + type.getSimpleName());
        return objects.get(0);
    }

    private static <T extends HasMetadata> T named(List<T> objects, String name) {
        return objects.stream().filter(o -> name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no object named " + name));
    }

    private static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }

    private static PodSpec podSpec() {
        return the(Deployment.class, "deployment.yaml").getSpec().getTemplate().getSpec();
    }

    private static Container theContainer() {
        List<Container> containers = podSpec().getContainers();
        assertEquals(1, containers.size(), "one application container expected");
        return containers.get(0);
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** The value a variable gets from the ConfigMap the container loads with envFrom. */
    private static String envConfigMapValue(String variable) {
        String configMapName = nullToEmpty(theContainer().getEnvFrom()).stream()
                .filter(source -> source.getConfigMapRef() != null)
                .map(source -> source.getConfigMapRef().getName())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the container loads no ConfigMap"));
        String value = named(all(ConfigMap.class, "configmap.yaml"), configMapName).getData().get(variable);
        assertNotNull(value, variable + " is not in ConfigMap " + configMapName);
        return value;
    }

    /**
     * Every variable the container ends up with, mapped to where it comes from: direct {@code env} entries and
     * every key of the ConfigMaps and Secrets loaded with {@code envFrom} (resolved against the files here).
     */
    private static Map<String, String> environmentOf(Container container) {
        Map<String, String> sources = new HashMap<>();
        for (EnvFromSource source : nullToEmpty(container.getEnvFrom())) {
            assertNull(source.getPrefix(), "an envFrom prefix would rename the contract's variables");
            if (source.getConfigMapRef() != null) {
                String name = source.getConfigMapRef().getName();
                named(all(ConfigMap.class, "configmap.yaml"), name).getData().keySet()
                        .forEach(key -> sources.put(key, "configmap " + name));
            } else if (source.getSecretRef() != null) {
                String name = source.getSecretRef().getName();
                Secret secret = the(Secret.class, "secret.example.yaml");
                assertEquals(name(secret), name, "envFrom names a Secret that secret.example.yaml does not describe");
                secret.getStringData().keySet().forEach(key -> sources.put(key, "secret " + name));
            } else {
                fail("unexpected envFrom source " + source);
            }
        }
        for (EnvVar env : nullToEmpty(container.getEnv())) {
            String from = env.getValueFrom() == null ? "inline value"
                    : env.getValueFrom().getSecretKeyRef() != null
                            ? "secret " + env.getValueFrom().getSecretKeyRef().getName()
                            : "valueFrom " + env.getValueFrom();
            sources.put(env.getName(), from);
        }
        return sources;
    }

    // ---- small assertions and helpers

    private static void assertProbe(String kind, Probe probe, String path) {
        assertNotNull(probe, kind + " missing");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, kind + " should be an HTTP GET");
        assertEquals(path, get.getPath(), kind);
        IntOrString port = get.getPort();
        assertTrue(HTTP_PORT_NAME.equals(port.getStrVal()) || Integer.valueOf(HTTP_PORT).equals(port.getIntVal()),
                kind + " should probe the HTTP port, not " + port);
    }

    private static void assertSelects(Map<String, String> selector, Map<String, String> podLabels, String what) {
        assertFalse(selector == null || selector.isEmpty(), what + " has an empty selector");
        selector.forEach((key, value) -> assertEquals(value, podLabels.get(key),
                what + " selector " + key + "=" + value + " does not match the pod template"));
    }

    private static List<String> ports(List<NetworkPolicyPort> ports) {
        return nullToEmpty(ports).stream()
                .map(p -> Objects.requireNonNullElse(p.getProtocol(), "TCP") + "/" + p.getPort().getIntVal())
                .toList();
    }

    private static String describe(NetworkPolicyPeer peer) {
        assertNull(peer.getIpBlock(), "no ipBlock peers expected");
        List<String> parts = new ArrayList<>();
        if (peer.getNamespaceSelector() != null) {
            parts.add("namespace" + labelsOf(peer.getNamespaceSelector()));
        }
        if (peer.getPodSelector() != null) {
            parts.add("pods" + labelsOf(peer.getPodSelector()));
        }
        return String.join(" ", parts);
    }

    private static String labelsOf(LabelSelector selector) {
        assertTrue(nullToEmpty(selector.getMatchExpressions()).isEmpty(), "matchExpressions are not expected");
        return new TreeMap<>(nullToEmpty(selector.getMatchLabels())).toString();
    }

    private static boolean decodesTo32Bytes(String value) {
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
            try {
                if (decoder.decode(value).length == 32) {
                    return true;
                }
            } catch (IllegalArgumentException notThisAlphabet) {
                // try the other alphabet
            }
        }
        return false;
    }

    /** Walks the typed model and reports every field that landed in an additionalProperties map. */
    private static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (!getter.getName().startsWith("get") || getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass().isInterface()
                    || getter.getDeclaringClass() == Object.class || getter.getName().equals("getNumericalAmount")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError("cannot read " + path + " via " + getter, e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                nullToEmpty((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
            } else {
                collectUnknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> nullToEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
