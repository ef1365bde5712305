/** Credentials, endpoints, retries and error translation shared by every AWS part of runway. */
package io.runway.aws.client;
