package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.ItemGroup;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins:credentials (jenkinsci/credentials-plugin),
 * {@code src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java}
 * ({@code public abstract class CredentialsProvider extends Descriptor<CredentialsProvider> implements ExtensionPoint,
 * Describable<CredentialsProvider>, IconSpec}; only the two static look-ups Runway calls here, the non-deprecated
 * Spring {@code Authentication} forms that replaced {@code lookupCredentials}/{@code listCredentials}).
 */
public abstract class CredentialsProvider {
    protected CredentialsProvider() {
    }

    /**
     * Upstream: {@code @NonNull public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(@NonNull Class<C> type,
     * @Nullable ItemGroup itemGroup, @Nullable Authentication authentication, @Nullable List<DomainRequirement> domainRequirements)}.
     */
    @SuppressWarnings("rawtypes")
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
                                                                               Authentication authentication,
                                                                               List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Upstream: {@code public static <C extends IdCredentials> ListBoxModel listCredentialsInItemGroup(@NonNull Class<C> type,
     * @Nullable ItemGroup itemGroup, @Nullable Authentication authentication, @Nullable List<DomainRequirement> domainRequirements,
     * @Nullable CredentialsMatcher matcher)}.
     */
    @SuppressWarnings("rawtypes")
    public static <C extends IdCredentials> ListBoxModel listCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
                                                                                    Authentication authentication,
                                                                                    List<DomainRequirement> domainRequirements,
                                                                                    CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stub");
    }
}
