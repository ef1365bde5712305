package io.runway.aws.cloudwatch;

/**
 * The CloudWatch dimension values of an ALB and a target group: the ARN after its resource type prefix
 * ({@code app/NAME/ID} and {@code targetgroup/NAME/ID}).
 */
public record AlbDimensions(String loadBalancer, String targetGroup) {

    public static AlbDimensions of(String loadBalancerArn, String targetGroupArn) {
        return new AlbDimensions(after(loadBalancerArn, ":loadbalancer/"), after(targetGroupArn, ":"));
    }

    private static String after(String arn, String marker) {
        int i = marker.equals(":") ? arn.lastIndexOf(':') : arn.indexOf(marker);
        if (i < 0) {
            throw new IllegalArgumentException("not an ELBv2 ARN: " + arn);
        }
        return arn.substring(i + marker.length());
    }
}
