package org.kohsuke.stapler;

/** Compile-only stub. Upstream: org.kohsuke.stapler:stapler (jenkinsci/stapler), {@code core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java}. */
public interface StaplerRequest2 extends jakarta.servlet.http.HttpServletRequest {
    String getRestOfPath();
}
