package org.kohsuke.stapler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Compile-only stub. Upstream: org.kohsuke.stapler:stapler (jenkinsci/stapler), {@code core/src/main/java/org/kohsuke/stapler/DataBoundConstructor.java}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.CONSTRUCTOR)
public @interface DataBoundConstructor {
}
