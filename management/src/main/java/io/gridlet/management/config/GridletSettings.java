package io.gridlet.management.config;

import io.gridlet.node.Discovery;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * The {@code gridlet.*} settings (contract section 2): flags ({@code --gridlet.member.port=5702}),
 * environment ({@code GRIDLET_MEMBER_PORT=5702}) or a YAML file. Checked when the node starts; a
 * bad value stops it with a message naming the setting.
 */
@ConfigurationProperties("gridlet")
public class GridletSettings {

    @NotBlank
    private String clusterName = "gridlet";

    @NotNull
    private Member member = new Member();

    @NotNull
    private Api api = new Api();

    @NotNull
    private Deploy deploy = new Deploy();

    @NotNull
    private Logs logs = new Logs();

    @NotNull
    private Tracing tracing = new Tracing();

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public Member getMember() {
        return member;
    }

    public void setMember(Member member) {
        this.member = member;
    }

    public Api getApi() {
        return api;
    }

    public void setApi(Api api) {
        this.api = api;
    }

    public Deploy getDeploy() {
        return deploy;
    }

    public void setDeploy(Deploy deploy) {
        this.deploy = deploy;
    }

    public Logs getLogs() {
        return logs;
    }

    public Tracing getTracing() {
        return tracing;
    }

    public void setTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    public void setLogs(Logs logs) {
        this.logs = logs;
    }

    /** {@code gridlet.member.*}: the Hazelcast member. */
    @ConfigurationProperties("member")
    public static class Member {
        @NotBlank
        private String host = "127.0.0.1";
        @Min(1)
        @Max(65535)
        private int port = 5701;
        @NotNull
        private List<String> members = List.of("127.0.0.1:5701-5703");
        @NotNull
        private Discovery discovery = Discovery.TCP;
        @Min(0)
        @Max(6)
        private int backupCount = 1;
        @NotNull
        private Kubernetes kubernetes = new Kubernetes();
        @NotNull
        private List<String> deserializationAllowed = List.of();
        @Min(0)
        private int splitBrainMinimum;
        @NotNull
        private Duration heartbeatInterval = Duration.ofSeconds(1);
        @NotNull
        private Duration heartbeatTimeout = Duration.ofSeconds(10);
        @NotNull
        private Duration mergeInterval = Duration.ofSeconds(10);
        private boolean failOnIndeterminateState = true;

        public Duration getHeartbeatInterval() {
            return heartbeatInterval;
        }

        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }

        public Duration getHeartbeatTimeout() {
            return heartbeatTimeout;
        }

        public void setHeartbeatTimeout(Duration heartbeatTimeout) {
            this.heartbeatTimeout = heartbeatTimeout;
        }

        public Duration getMergeInterval() {
            return mergeInterval;
        }

        public void setMergeInterval(Duration mergeInterval) {
            this.mergeInterval = mergeInterval;
        }

        public boolean isFailOnIndeterminateState() {
            return failOnIndeterminateState;
        }

        public void setFailOnIndeterminateState(boolean failOnIndeterminateState) {
            this.failOnIndeterminateState = failOnIndeterminateState;
        }

        public List<String> getDeserializationAllowed() {
            return deserializationAllowed;
        }

        public void setDeserializationAllowed(List<String> deserializationAllowed) {
            this.deserializationAllowed = deserializationAllowed;
        }

        public int getSplitBrainMinimum() {
            return splitBrainMinimum;
        }

        public void setSplitBrainMinimum(int splitBrainMinimum) {
            this.splitBrainMinimum = splitBrainMinimum;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public List<String> getMembers() {
            return members;
        }

        public void setMembers(List<String> members) {
            this.members = members;
        }

        public Discovery getDiscovery() {
            return discovery;
        }

        public void setDiscovery(Discovery discovery) {
            this.discovery = discovery;
        }

        public int getBackupCount() {
            return backupCount;
        }

        public void setBackupCount(int backupCount) {
            this.backupCount = backupCount;
        }

        public Kubernetes getKubernetes() {
            return kubernetes;
        }

        public void setKubernetes(Kubernetes kubernetes) {
            this.kubernetes = kubernetes;
        }
    }

    /** {@code gridlet.member.kubernetes.*}. */
    @ConfigurationProperties("kubernetes")
    public static class Kubernetes {
        @Nullable
        private String serviceDns;

        public String getServiceDns() {
            return serviceDns;
        }

        public void setServiceDns(String serviceDns) {
            this.serviceDns = serviceDns;
        }
    }

    /** {@code gridlet.api.*}: the REST API. */
    @ConfigurationProperties("api")
    public static class Api {
        @Min(1)
        private long maxJsonBytes = 8L << 20;

        public long getMaxJsonBytes() {
            return maxJsonBytes;
        }

        public void setMaxJsonBytes(long maxJsonBytes) {
            this.maxJsonBytes = maxJsonBytes;
        }
    }

    /** {@code gridlet.deploy.*}: jars. */
    @ConfigurationProperties("deploy")
    public static class Deploy {
        @Min(1)
        private long maxJarBytes = 64L << 20;

        public long getMaxJarBytes() {
            return maxJarBytes;
        }

        public void setMaxJarBytes(long maxJarBytes) {
            this.maxJarBytes = maxJarBytes;
        }
    }

    /** {@code gridlet.logs.*}: the function log lines each member keeps. */
    @ConfigurationProperties("logs")
    public static class Logs {
        @Min(1)
        private int maxLines = io.gridlet.node.GridNode.Builder.DEFAULT_LOG_LINES;

        public int getMaxLines() {
            return maxLines;
        }

        public void setMaxLines(int maxLines) {
            this.maxLines = maxLines;
        }
    }

    /** {@code gridlet.tracing.*}: OpenTelemetry traces of calls, exported by OTLP/HTTP. */
    @ConfigurationProperties("tracing")
    public static class Tracing {
        /** The OTLP/HTTP traces endpoint, for example {@code http://collector:4318/v1/traces}; unset, tracing is off. */
        private String otlpEndpoint;
        /** The share of traces started here that are kept, 0 to 1; a caller's sampling decision is followed. */
        @jakarta.validation.constraints.DecimalMin("0.0")
        @jakarta.validation.constraints.DecimalMax("1.0")
        private double samplingRatio = 1.0;

        public String getOtlpEndpoint() {
            return otlpEndpoint;
        }

        public void setOtlpEndpoint(String otlpEndpoint) {
            this.otlpEndpoint = otlpEndpoint;
        }

        public double getSamplingRatio() {
            return samplingRatio;
        }

        public void setSamplingRatio(double samplingRatio) {
            this.samplingRatio = samplingRatio;
        }
    }
}
