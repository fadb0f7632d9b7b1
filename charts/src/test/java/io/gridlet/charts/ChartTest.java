package io.gridlet.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** charts/gridlet, linted and rendered by Helm itself, its manifests read with the fabric8 model. */
class ChartTest {

    static final Path CHART = Path.of("gridlet");
    static final KubernetesSerialization YAML = new KubernetesSerialization();
    /** The node's health endpoints, served by management (see its tests). */
    static final List<String> PROBES = List.of("/health/liveness", "/health/readiness");

    static List<HasMetadata> render(UnaryOperator<TemplateCommand> values) {
        String rendered = values.apply(new Helm(CHART).template().withName("grid").withNamespace("shop")).call();
        List<HasMetadata> manifests = new ArrayList<>();
        for (String document : rendered.split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(line -> line.startsWith("kind:"))) {
                manifests.add(YAML.unmarshal(document, HasMetadata.class));
            }
        }
        return manifests;
    }

    static <T extends HasMetadata> List<T> of(List<HasMetadata> manifests, Class<T> type) {
        return manifests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static Container gridlet(List<HasMetadata> manifests) {
        return of(manifests, StatefulSet.class).get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void theChartPassesHelmsStrictLint() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void defaultsGiveThreeParallelMembersThatFindEachOtherThroughTheHeadlessService() {
        List<HasMetadata> manifests = render(command -> command);
        StatefulSet members = of(manifests, StatefulSet.class).get(0);
        assertThat(members.getSpec().getReplicas()).isEqualTo(3);
        assertThat(members.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        Service headless = of(manifests, Service.class).stream()
                .filter(service -> "None".equals(service.getSpec().getClusterIP())).findFirst().orElseThrow();
        assertThat(members.getSpec().getServiceName()).isEqualTo(headless.getMetadata().getName());
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(gridlet(manifests).getArgs()).contains("node", "--gridlet.member.discovery=kubernetes",
                "--gridlet.member.kubernetes.service-dns=" + headless.getMetadata().getName()
                        + ".shop.svc.cluster.local", "--gridlet.member.host=0.0.0.0",
                "--gridlet.member.split-brain-minimum=2");
    }

    @Test
    void probesPortsAndTheApiServiceMatchTheApp() {
        List<HasMetadata> manifests = render(command -> command);
        Container container = gridlet(manifests);
        assertThat(List.of(container.getLivenessProbe().getHttpGet().getPath(),
                container.getReadinessProbe().getHttpGet().getPath())).containsExactlyElementsOf(PROBES);
        assertThat(container.getPorts()).extracting(port -> port.getName() + "=" + port.getContainerPort())
                .containsExactlyInAnyOrder("member=5701", "http=8080");
        assertThat(container.getArgs()).contains("--gridlet.member.port=5701", "--micronaut.server.port=8080");
        Service api = of(manifests, Service.class).stream()
                .filter(service -> !"None".equals(service.getSpec().getClusterIP())).findFirst().orElseThrow();
        assertThat(api.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(of(manifests, StatefulSet.class).get(0).getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/prometheus");
    }

    @Test
    void tokensComeFromTheChartsSecretOrAnExistingOne() {
        List<HasMetadata> manifests = render(command -> command.set("tokens.adminToken", "s3cret"));
        Secret secret = of(manifests, Secret.class).get(0);
        assertThat(secret.getData()).containsKey("admin-token");
        EnvVar admin = gridlet(manifests).getEnv().stream().filter(env -> env.getName().equals("GRIDLET_ADMIN_TOKEN"))
                .findFirst().orElseThrow();
        assertThat(admin.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
        assertThat(admin.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("admin-token");

        List<HasMetadata> own = render(command -> command.set("tokens.existingSecret", "mine"));
        assertThat(of(own, Secret.class)).isEmpty();
        assertThat(gridlet(own).getEnv()).filteredOn(env -> env.getValueFrom() != null)
                .allSatisfy(env -> assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("mine"));
    }

    @Test
    void aDisruptionBudgetANetworkPolicyAndALockedDownPod() {
        List<HasMetadata> manifests = render(command -> command);
        assertThat(of(manifests, PodDisruptionBudget.class).get(0).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        NetworkPolicy policy = of(manifests, NetworkPolicy.class).get(0);
        assertThat(policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/instance", "grid");
        assertThat(policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal()).isEqualTo(5701);
        var pod = of(manifests, StatefulSet.class).get(0).getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(120L);
        Container container = gridlet(manifests);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        assertThat(container.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void overridesChangeWhatTheySay() {
        List<HasMetadata> manifests = render(command -> command.set("replicaCount", 5).set("networkPolicy.enabled", false)
                .set("metrics.serviceMonitor.enabled", true).set("clusterName", "shop-grid").set("backupCount", 2));
        assertThat(of(manifests, StatefulSet.class).get(0).getSpec().getReplicas()).isEqualTo(5);
        assertThat(of(manifests, NetworkPolicy.class)).isEmpty();
        assertThat(of(manifests, GenericKubernetesResource.class))
                .anySatisfy(resource -> assertThat(resource.getKind()).isEqualTo("ServiceMonitor"));
        assertThat(gridlet(manifests).getArgs()).contains("--gridlet.cluster-name=shop-grid",
                "--gridlet.member.backup-count=2", "--gridlet.member.split-brain-minimum=3");
        assertThat(gridlet(render(command -> command.set("replicaCount", 2))).getArgs())
                .as("two members have no majority to protect").contains("--gridlet.member.split-brain-minimum=0");
        assertThat(gridlet(render(command -> command.set("splitBrainMinimum", 4))).getArgs())
                .contains("--gridlet.member.split-brain-minimum=4");
    }

    @Test
    void theDashboardShipsAsAConfigMapForGrafanasSidecarUnlessTurnedOff() throws Exception {
        List<io.fabric8.kubernetes.api.model.ConfigMap> maps = of(render(helm -> helm), io.fabric8.kubernetes.api.model.ConfigMap.class);
        assertThat(maps).hasSize(1);
        io.fabric8.kubernetes.api.model.ConfigMap dashboard = maps.get(0);
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        String json = dashboard.getData().get("gridlet.json");
        com.fasterxml.jackson.databind.JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(parsed.get("uid").asText()).isEqualTo("gridlet");
        assertThat(parsed.get("panels").size()).isGreaterThanOrEqualTo(10);
        assertThat(json).isEqualTo(java.nio.file.Files.readString(CHART.resolve("dashboards/gridlet.json")).strip());
        assertThat(of(render(helm -> helm.set("metrics.dashboard.enabled", false)),
                io.fabric8.kubernetes.api.model.ConfigMap.class)).isEmpty();
    }

    @Test
    void valuesThatBreakTheSchemaAreRejected() {
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("replicaCount", 0, "backupCount", 9,
                "clusterName", "bad name!", "service.type", "Magic").entrySet()) {
            assertThatThrownBy(() -> render(command -> command.set(bad.getKey(), bad.getValue())))
                    .as(bad.getKey()).hasMessageContaining(bad.getKey().contains(".") ? "type" : bad.getKey());
        }
    }
}
