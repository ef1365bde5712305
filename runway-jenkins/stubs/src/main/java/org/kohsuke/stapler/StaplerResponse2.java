package org.kohsuke.stapler;

/** Compile-only stub. Upstream: org.kohsuke.stapler:stapler (jenkinsci/stapler), {@code core/src/main/java/org/kohsuke/stapler/StaplerResponse2.java}. */
public interface StaplerResponse2 extends jakarta.servlet.http.HttpServletResponse {
}
