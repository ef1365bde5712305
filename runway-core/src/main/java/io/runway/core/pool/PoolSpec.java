package io.runway.core.pool;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;
import java.util.List;

/**
 * A pool: resources from one provider, with its cooldown and quotas, and — for a provider that can add
 * capacity — how far it scales: {@code min}, {@code max}, {@code idleTimeout}, {@code provisioningTime}
 * and the {@code template} new resources are made from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolSpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Pool name: [a-z0-9-]{1,63}.")
        String name,
        @JsonPropertyDescription("Provider that owns the resources: static (default), local or aws-ec2.")
        String provider,
        @JsonPropertyDescription("Resources of a static pool.")
        List<ResourceSpec> resources,
        @JsonPropertyDescription("Time a released resource spends in DIRTY/CLEANING before it is FREE again, e.g. 30s.")
        Duration cooldown,
        @JsonPropertyDescription("Per-owner limits in this pool.")
        QuotaSpec quota,
        @JsonPropertyDescription("Fewest resources the pool keeps (listed plus provisioned); idle ones are never scaled down below it. Default 0.")
        Integer min,
        @JsonPropertyDescription("Most resources the pool may hold (listed plus provisioned). Default: the listed resources only.")
        Integer max,
        @JsonPropertyDescription("How long a provisioned resource may stay FREE before it is scaled down, e.g. 10m. Default 10m.")
        Duration idleTimeout,
        @JsonPropertyDescription("Estimate of how long provisioning one resource takes, compared with task deadlines, e.g. 90s. Default 0s.")
        Duration provisioningTime,
        @JsonPropertyDescription("Labels and attributes of the resources this pool provisions; without it the pool does not scale.")
        ResourceTemplate template,
        @JsonPropertyDescription("For provider aws-ec2: region, launch template and limits of the pool's EC2 instances.")
        AwsEc2PoolSpec aws) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    public PoolSpec {
        provider = provider == null ? "static" : provider;
        resources = resources == null ? List.of() : List.copyOf(resources);
        cooldown = cooldown == null ? Duration.ZERO : cooldown;
        quota = quota == null ? QuotaSpec.none() : quota;
    }

    /** A pool that does not scale. */
    public PoolSpec(String name, String provider, List<ResourceSpec> resources, Duration cooldown, QuotaSpec quota) {
        this(name, provider, resources, cooldown, quota, null, null, null, null, null, null);
    }

    /** A pool without an aws section. */
    public PoolSpec(String name, String provider, List<ResourceSpec> resources, Duration cooldown, QuotaSpec quota,
                    Integer min, Integer max, Duration idleTimeout, Duration provisioningTime, ResourceTemplate template) {
        this(name, provider, resources, cooldown, quota, min, max, idleTimeout, provisioningTime, template, null);
    }

    /** This pool scaling between {@code newMin} and {@code newMax} resources made from {@code newTemplate}. */
    public PoolSpec withScaling(int newMin, int newMax, Duration newIdleTimeout, Duration newProvisioningTime,
                                ResourceTemplate newTemplate) {
        return new PoolSpec(name, provider, resources, cooldown, quota, newMin, newMax, newIdleTimeout,
                newProvisioningTime, newTemplate, aws);
    }

    /** This pool with its EC2 settings ({@code provider: aws-ec2}). */
    public PoolSpec withAws(AwsEc2PoolSpec newAws) {
        return new PoolSpec(name, provider, resources, cooldown, quota, min, max, idleTimeout, provisioningTime,
                template, newAws);
    }

    /** {@code min}, or 0. */
    @JsonIgnore
    public int minResources() {
        return min == null ? 0 : min;
    }

    /** {@code max}, or the number of listed resources when absent (such a pool never grows). */
    @JsonIgnore
    public int maxResources() {
        return max == null ? resources.size() : max;
    }

    @JsonIgnore
    public Duration idleTimeoutOrDefault() {
        return idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
    }

    @JsonIgnore
    public Duration provisioningTimeOrDefault() {
        return provisioningTime == null ? Duration.ZERO : provisioningTime;
    }

    /** Whether this pool may provision resources (it has a template and room above its listed resources). */
    @JsonIgnore
    public boolean scales() {
        return template != null && maxResources() > 0;
    }
}
