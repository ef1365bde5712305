package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Compile-only stub. Upstream: org.jenkins-ci:symbol-annotation (jenkinsci/lib-symbol-annotation),
 * {@code src/main/java/org/jenkinsci/Symbol.java} (there {@code @Indexed}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
