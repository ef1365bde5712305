package io.runway.core.rollout.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import io.runway.core.rollout.spec.RolloutSpec;
import org.junit.jupiter.api.Test;

class RolloutBackendsTest {
    @Test
    void aSingleBackEndServesItsOwnProviderAndRefusesAnotherNamingTheField() {
        RolloutBackends local = RolloutBackends.single("local", null, null);
        assertThat(local.backend(ShopSpecs.canary(""))).isNotNull();

        RolloutSpec onEc2 = ShopSpecs.canary("""
                provider: aws-ec2
                aws:
                  region: eu-west-1
                  launchTemplate: shop-web
                  vpc: vpc-0a1b2c3d4e5f60718
                  loadBalancer: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188
                """);
        assertThatThrownBy(() -> local.backend(onEc2)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("provider local rollouts only, not aws-ec2")
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("provider"));
    }
}
