"""The seed's design as a reference for the presign benchmark: a Django view that verifies the
bearer token (PyJWT, HS256, the local secret), checks type and size and the vehicle's owner (a dict,
as upload-api's ownership view is in memory), and presigns the PUT with boto3, answering the same
JSON shape. Served by gunicorn with 2 sync workers; run-presign-benchmark starts it when Debian's
python3-django, python3-boto3, python3-jwt and gunicorn are installed.

Where it does less than upload-api: boto3 1.26 (Debian 12) cannot sign If-None-Match, and there is
no per-owner rate limit and no tracing; the owners dict holds the benchmark's one vehicle.
"""
import json
import os
import uuid

import boto3
import jwt
from botocore.config import Config
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    SECRET_KEY="benchmark-only",
)

SECRET = os.environ["HMAC_SECRET"]
OWNERS = {os.environ["VEHICLE_ID"]: os.environ["OWNER"]}
ACCEPTED = {"image/jpeg", "image/png", "image/webp"}
MAX_BYTES = 20 * 1024 * 1024
S3 = boto3.client(
    "s3",
    endpoint_url=os.environ["S3_ENDPOINT"],
    region_name="us-east-1",
    aws_access_key_id="devstack",
    aws_secret_access_key="devstack-secret",
    config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
)


def problem(status, title):
    return JsonResponse({"title": title, "status": status}, status=status, content_type="application/problem+json")


def create_upload(request):
    if request.method != "POST":
        return problem(405, "method not allowed")
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return problem(401, "unauthorized")
    try:
        claims = jwt.decode(header[7:], SECRET, algorithms=["HS256"], options={"verify_aud": False})
        body = json.loads(request.body)
    except (jwt.InvalidTokenError, ValueError):
        return problem(401, "unauthorized")
    owner = claims["sub"]
    content_type = body.get("contentType", "").strip().lower()
    if content_type not in ACCEPTED:
        return problem(415, "unsupported content type")
    if int(body.get("contentLength", 0)) > MAX_BYTES:
        return problem(413, "file too large")
    vehicle = body.get("vehicleId")
    if OWNERS.get(vehicle) != owner:
        return problem(404, "vehicle not found")
    photo = str(uuid.uuid4())
    key = f"uploads/{owner}/{vehicle}/{photo}/{body.get('filename', 'photo')}"
    url = S3.generate_presigned_url(
        "put_object",
        Params={
            "Bucket": "uploads",
            "Key": key,
            "ContentType": content_type,
            "ContentLength": int(body["contentLength"]),
            "Metadata": {"original-filename": body.get("filename", "")},
        },
        ExpiresIn=900,
    )
    return JsonResponse(
        {
            "photoId": photo,
            "vehicleId": vehicle,
            "key": key,
            "upload": {
                "method": "PUT",
                "url": url,
                "headers": {"Content-Type": content_type, "x-amz-meta-original-filename": body.get("filename", "")},
            },
        },
        status=201,
    )


urlpatterns = [path("api/v1/uploads", create_upload)]
application = get_wsgi_application()
