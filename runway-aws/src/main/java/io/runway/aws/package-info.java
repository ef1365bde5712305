/**
 * AWS SDK v2 parts of Runway: EC2 capacity, ELBv2 weighted traffic, CloudWatch and target-health
 * metrics, and the DynamoDB state store shared by several controllers.
 */
package io.runway.aws;
