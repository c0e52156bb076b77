#!/bin/bash
# LocalStack ready hook: the same buckets, queues and notification routing devstack creates.
# Used by docker-compose.yml and by the Testcontainers mode of the tests (-Pdocker).
set -euo pipefail

REGION="${AWS_DEFAULT_REGION:-us-east-1}"
ACCOUNT=000000000000
UPLOADS_BUCKET="${UPLOADS_BUCKET:-uploads}"
MEDIA_BUCKET="${MEDIA_BUCKET:-media}"
QUEUE="${UPLOADS_QUEUE:-photo-uploads}"
DLQ="${UPLOADS_DLQ:-photo-uploads-dlq}"
CORS_ORIGINS="${CORS_ORIGINS:-http://localhost:3000 http://localhost:8080}"

awslocal s3api create-bucket --bucket "$UPLOADS_BUCKET" >/dev/null
awslocal s3api create-bucket --bucket "$MEDIA_BUCKET" >/dev/null
awslocal s3api put-bucket-policy --bucket "$MEDIA_BUCKET" --policy "{
  \"Version\": \"2012-10-17\",
  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\",
                   \"Resource\": \"arn:aws:s3:::$MEDIA_BUCKET/*\"}]}"

origins=$(printf '"%s",' $CORS_ORIGINS); origins="[${origins%,}]"
awslocal s3api put-bucket-cors --bucket "$UPLOADS_BUCKET" --cors-configuration "{
  \"CORSRules\": [{\"AllowedOrigins\": $origins, \"AllowedMethods\": [\"PUT\", \"GET\", \"HEAD\"],
                   \"AllowedHeaders\": [\"*\"], \"ExposeHeaders\": [\"ETag\"], \"MaxAgeSeconds\": 3000}]}"

awslocal sqs create-queue --queue-name "$DLQ" >/dev/null
DLQ_ARN="arn:aws:sqs:$REGION:$ACCOUNT:$DLQ"
QUEUE_URL=$(awslocal sqs create-queue --queue-name "$QUEUE" --attributes "{
  \"VisibilityTimeout\": \"60\",
  \"RedrivePolicy\": \"{\\\"deadLetterTargetArn\\\":\\\"$DLQ_ARN\\\",\\\"maxReceiveCount\\\":\\\"5\\\"}\"}" \
  --query QueueUrl --output text)
QUEUE_ARN="arn:aws:sqs:$REGION:$ACCOUNT:$QUEUE"

awslocal s3api put-bucket-notification-configuration --bucket "$UPLOADS_BUCKET" --notification-configuration "{
  \"QueueConfigurations\": [{\"Id\": \"photo-uploads\", \"QueueArn\": \"$QUEUE_ARN\",
    \"Events\": [\"s3:ObjectCreated:*\"],
    \"Filter\": {\"Key\": {\"FilterRules\": [{\"Name\": \"prefix\", \"Value\": \"uploads/\"}]}}}]}"

touch /tmp/devstack-init-done # the health check asks for it: LocalStack reports "completed" for a failed script too
echo "devstack-init: done (queue $QUEUE_URL)"
