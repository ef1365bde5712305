package io.runway.jenkins.aws;

import hudson.Extension;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.runway.aws.dynamodb.DynamoDbStateStore;
import io.runway.aws.dynamodb.DynamoDbStoreFields;
import io.runway.aws.dynamodb.DynamoDbStoreSettings;
import io.runway.core.error.InvalidInputException;
import io.runway.core.store.StateStore;
import io.runway.jenkins.StoreChoice;
import java.nio.file.Path;
import java.time.Clock;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Runway's state in one DynamoDB table ({@code runway-aws}'s {@link DynamoDbStateStore}), so several controllers
 * share pools: {@code unclassified: runway: store: dynamodb: {table: ..., region: ..., credentialsId: ...}} in JCasC.
 * Every field is checked as it is set (the old configuration stays when one is refused, as for the rest of
 * Runway's configuration); the table, its index and TTL are created on first use unless {@code createTable} is off.
 * All the checks and the store live in runway-aws; this class only binds the form and finds the credentials.
 */
public class DynamoDbStoreChoice extends StoreChoice {
    static final String FIELD = "store.";
    private final String table;
    private String region = "";
    private String credentialsId = "";
    private String endpoint = "";
    private boolean createTable = true;

    @DataBoundConstructor
    public DynamoDbStoreChoice(String table) {
        refuse("table", DynamoDbStoreFields.tableProblem(table));
        this.table = table.strip();
    }

    public String getTable() {
        return table;
    }

    public String getRegion() {
        return region;
    }

    /** Blank: the SDK's region chain on the controller ({@code AWS_REGION}, profile, instance metadata). */
    @DataBoundSetter
    public void setRegion(String region) {
        refuse("region", DynamoDbStoreFields.regionProblem(region));
        this.region = strip(region);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Blank: the controller's default credentials chain (instance profile, environment, ~/.aws). */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = strip(credentialsId);
    }

    public String getEndpoint() {
        return endpoint;
    }

    /** Blank: the regional endpoint; set for DynamoDB Local or a VPC endpoint. */
    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        refuse("endpoint", DynamoDbStoreFields.endpointProblem(endpoint));
        this.endpoint = strip(endpoint);
    }

    public boolean isCreateTable() {
        return createTable;
    }

    @DataBoundSetter
    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }

    /** The store settings these fields describe. */
    public DynamoDbStoreSettings settings() {
        return DynamoDbStoreFields.settings(FIELD, table, region, endpoint, createTable);
    }

    @Override
    public StateStore open(Path stateDir) {
        return open(JenkinsAwsCredentials::find, Clock.systemUTC());
    }

    /**
     * Opens the store with the credentials {@code lookup} finds for {@link #getCredentialsId()} (the default chain
     * when blank); an id that finds nothing is refused before any AWS call.
     */
    public StateStore open(AwsCredentialsLookup lookup, Clock clock) {
        return DynamoDbStateStore.open(settings(), credentials(lookup), clock);
    }

    AwsCredentialsProvider credentials(AwsCredentialsLookup lookup) {
        if (credentialsId.isEmpty()) {
            return null;
        }
        AwsCredentialsProvider found = lookup.find(credentialsId);
        if (found == null) {
            throw new InvalidInputException(FIELD + "credentialsId", FIELD + "credentialsId: no AWS credentials with id '"
                    + credentialsId + "' in Jenkins' global credentials (add one of kind \"AWS Credentials\", or leave"
                    + " the field blank for the controller's default credentials chain)");
        }
        return found;
    }

    private static void refuse(String field, String problem) {
        if (problem != null) {
            throw new InvalidInputException(FIELD + field, FIELD + field + ": " + problem);
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    @Extension
    @Symbol("dynamodb")
    public static final class DescriptorImpl extends Descriptor<StoreChoice> {
        @Override
        public String getDisplayName() {
            return "DynamoDB (shared by several controllers)";
        }

        @RequirePOST
        public FormValidation doCheckTable(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return errorOrOk(DynamoDbStoreFields.tableProblem(value));
        }

        @RequirePOST
        public FormValidation doCheckRegion(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String problem = DynamoDbStoreFields.regionProblem(value);
            if (problem == null && DynamoDbStoreFields.unknownRegion(value)) {
                return FormValidation.warning("this SDK does not know region '" + value.strip()
                        + "': fine for a new region, a typo fails at the first request");
            }
            return errorOrOk(problem);
        }

        @RequirePOST
        public FormValidation doCheckEndpoint(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return errorOrOk(DynamoDbStoreFields.endpointProblem(value));
        }

        @RequirePOST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return JenkinsAwsCredentials.check(value);
        }

        /** Lists credential ids (never secrets) to administrators only, like the rest of the page. */
        public ListBoxModel doFillCredentialsIdItems() {
            return JenkinsAwsCredentials.choices();
        }

        private static FormValidation errorOrOk(String problem) {
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }
    }
}
