package io.runway.aws.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.error.ConflictException;
import io.runway.core.error.ForbiddenException;
import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.RunwayException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
    private static AwsServiceException aws(String code, int status) {
        return AwsServiceException.builder().statusCode(status).requestId("req-1")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("text of " + code).build()).build();
    }

    private static RunwayException t(AwsServiceException e) {
        return AwsErrors.translate("RunInstances", "pool web", e);
    }

    @Test
    void throttlingAndServerErrorsAreRetryableAndNameTheOperationAndResource() {
        RunwayException e = t(aws("Throttling", 400));
        assertThat(e).isInstanceOf(AwsException.class);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("RunInstances on pool web failed").contains("Throttling").contains("req-1");
        assertThat(t(aws("RequestLimitExceeded", 503)).retryable()).isTrue();
        assertThat(t(aws("InternalError", 500)).retryable()).isTrue();
    }

    @Test
    void clientErrorsBecomeTheMatchingRunwayErrors() {
        assertThat(t(aws("UnauthorizedOperation", 403))).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("docs/aws.md");
        assertThat(t(aws("InvalidInstanceID.NotFound", 400))).isInstanceOf(NotFoundException.class);
        assertThat(t(aws("TargetGroupNotFound", 400))).isInstanceOf(NotFoundException.class);
        assertThat(t(aws("ResourceInUse", 400))).isInstanceOf(ConflictException.class);
        assertThat(t(aws("InvalidParameterValue", 400))).isInstanceOf(InvalidInputException.class);
        RunwayException other = t(aws("SomethingElse", 400));
        assertThat(other).isInstanceOf(AwsException.class);
        assertThat(other.retryable()).isFalse();
        assertThat(((AwsException) other).awsErrorCode()).isEqualTo("SomethingElse");
    }

    @Test
    void noAnswerAtAllIsRetryable() {
        RunwayException e = AwsErrors.translate("DescribeInstances", "pool web",
                SdkClientException.create("Unable to execute HTTP request: Connection refused"));
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("DescribeInstances on pool web").contains("Connection refused");
    }
}
