package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins:aws-credentials (jenkinsci/aws-credentials-plugin),
 * {@code src/main/java/com/cloudbees/jenkins/plugins/awscredentials/AmazonWebServicesCredentials.java}:
 * {@code public interface AmazonWebServicesCredentials extends StandardCredentials, AwsCredentialsProvider,
 * AWSCredentialsProvider} since the plugin moved to SDK v2 ({@code AwsCredentialsProvider} is the SDK v2 type, from
 * aws-java-sdk2-core in Jenkins). Left out: the SDK v1 {@code AWSCredentialsProvider} supertype (a copy the plugin
 * keeps for compatibility), {@code getDisplayName()}, {@code resolveCredentials(String mfaToken)}, the deprecated
 * {@code getCredentials(String)} and the nested {@code NameProvider}. Runway only hands the credentials to an SDK v2
 * client as its {@code AwsCredentialsProvider}, and never implements this interface.
 */
public interface AmazonWebServicesCredentials extends StandardCredentials, AwsCredentialsProvider {
}
