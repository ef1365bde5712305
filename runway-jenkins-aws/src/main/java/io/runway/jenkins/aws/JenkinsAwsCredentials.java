package io.runway.jenkins.aws;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.runway.aws.dynamodb.DynamoDbStoreFields;
import java.util.List;
import jenkins.model.Jenkins;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * AWS credentials from the aws-credentials plugin ("AWS Credentials" kind: access key and secret, optionally a role
 * to assume), looked up in Jenkins' global scope as the system: the store belongs to the controller, not to a job.
 * An {@link AmazonWebServicesCredentials} is itself an SDK v2 {@link AwsCredentialsProvider}, so the SDK client asks
 * it for fresh keys on its own (assumed-role sessions renew without Runway).
 */
public final class JenkinsAwsCredentials {
    private JenkinsAwsCredentials() {
    }

    /** The credentials with {@code id} in the global scope, or null. */
    public static AwsCredentialsProvider find(String id) {
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(AmazonWebServicesCredentials.class, Jenkins.get(),
                        ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(id));
    }

    /** The choices of the credentials field: first the default chain (blank id), then every AWS credential. */
    private static ListBoxModel items() {
        ListBoxModel items = defaultChainOnly();
        items.addAll(CredentialsProvider.listCredentialsInItemGroup(AmazonWebServicesCredentials.class, Jenkins.get(),
                ACL.SYSTEM2, List.of(), CredentialsMatchers.always()));
        return items;
    }

    /** The form check of a credentials id field (administrators only): blank, or an id that exists. */
    public static FormValidation check(String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (DynamoDbStoreFields.isBlank(value) || find(value.strip()) != null) {
            return FormValidation.ok();
        }
        return FormValidation.error("no AWS credentials with id '" + value.strip() + "' in the global scope");
    }

    /** The choices of a credentials id field: credential ids (never secrets), listed to administrators only. */
    public static ListBoxModel choices() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER) ? items() : defaultChainOnly();
    }

    /** Only the blank choice: the controller's default credentials chain. */
    private static ListBoxModel defaultChainOnly() {
        ListBoxModel items = new ListBoxModel();
        items.add("- none: the default credentials chain of the controller -", "");
        return items;
    }
}
