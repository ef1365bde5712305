package org.kohsuke.stapler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Compile-only stub. Upstream: org.kohsuke.stapler:stapler (jenkinsci/stapler), {@code core/src/main/java/org/kohsuke/stapler/DataBoundSetter.java}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface DataBoundSetter {
}
