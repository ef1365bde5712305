package org.springframework.security.core;

/**
 * Compile-only stub of a type Jenkins core exposes. Upstream: org.springframework.security:spring-security-core
 * (spring-projects/spring-security), {@code core/src/main/java/org/springframework/security/core/Authentication.java}
 * ({@code public interface Authentication extends Principal, Serializable}; no method is called here, it is only
 * the type of {@code ACL.SYSTEM2} and of credential look-ups).
 */
public interface Authentication extends java.security.Principal, java.io.Serializable {
}
