package io.runway.jenkins.aws;

import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.runway.jenkins.RunwayService;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The runway-aws plugin's settings for {@code provider: aws-ec2} pools and rollouts ({@code Manage Jenkins → System →
 * Runway AWS pools and rollouts}, JCasC {@code unclassified: runwayAwsPools:}, the key kept from when it served pools
 * only): the AWS credentials the EC2, ELB and CloudWatch clients start from. Each pool's (each rollout spec's)
 * region, endpoint and role stay in its {@code aws:} section, as for {@code runway serve} ({@code runway rollout}). Saving restarts Runway's engines so the new credentials apply; instances and leases carry on.
 */
@Extension
@Symbol("runwayAwsPools")
public class AwsPoolsConfiguration extends GlobalConfiguration {
    static final String FIELD = "runwayAwsPools.";
    private String credentialsId = "";

    public AwsPoolsConfiguration() {
        load();
    }

    public static AwsPoolsConfiguration get() {
        return ExtensionList.lookupSingleton(AwsPoolsConfiguration.class);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /**
     * Blank: each pool's {@code profile}, else the controller's default credentials chain. Set: these credentials
     * for every aws-ec2 pool (a pool's {@code profile} is then not read; its {@code roleArn} is still assumed on top).
     */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId == null ? "" : credentialsId.strip();
        save();
    }

    @RequirePOST
    public FormValidation doCheckCredentialsId(@QueryParameter String value) {
        return JenkinsAwsCredentials.check(value);
    }

    /** Lists credential ids (never secrets) to administrators only, like the rest of the page. */
    public ListBoxModel doFillCredentialsIdItems() {
        return JenkinsAwsCredentials.choices();
    }

    @Override
    public synchronized void save() {
        if (BulkChange.contains(this)) {
            return; // JCasC and the form bind every field first; the commit saves (and reloads) once
        }
        super.save();
        RunwayService.reloadIfStarted();
    }
}
