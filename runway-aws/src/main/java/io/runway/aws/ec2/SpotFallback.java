package io.runway.aws.ec2;

import java.util.Set;

/** Which RunInstances refusals of a Spot request mean "no Spot now", so runway launches on-demand instead. */
final class SpotFallback {
    private static final Set<String> NO_SPOT = Set.of("InsufficientInstanceCapacity", "InsufficientSpotCapacity",
            "SpotMaxPriceTooLow", "MaxSpotInstanceCountExceeded", "UnfulfillableCapacity", "InsufficientCapacity");

    private SpotFallback() {}

    static boolean fallsBack(String awsErrorCode) {
        return awsErrorCode != null && NO_SPOT.contains(awsErrorCode);
    }
}
