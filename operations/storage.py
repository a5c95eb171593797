"""The private bucket: objects are never public, and links to them are signed for a public address if needed."""

import boto3
from botocore.config import Config
from storages.backends.s3 import S3Storage
from storages.utils import clean_name
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PrivateS3Storage(S3Storage):
    """S3Storage whose signed URLs may name another endpoint than the one the app uploads to.

    In compose or a private network the app reaches the store at http://minio:9000 while browsers reach it at
    https://files.example.go.id; a signature covers the host, so the URL is signed for the public one.
    """

    def get_default_settings(self):
        return {**super().get_default_settings(), "public_endpoint_url": None}

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.public_endpoint_url:
            return super().url(name, parameters=parameters, expire=expire, http_method=http_method)
        client = boto3.session.Session().client(
            "s3",
            endpoint_url=self.public_endpoint_url,
            region_name=self.region_name,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            config=Config(signature_version=self.signature_version, s3={"addressing_style": self.addressing_style}),
        )
        params = {**(parameters or {}), "Bucket": self.bucket_name, "Key": self._normalize_name(clean_name(name))}
        return client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=expire or self.querystring_expire, HttpMethod=http_method
        )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed storage, ignoring source-map comments: vendored minified files (Chart.js)
    name a .map file they do not ship, which would otherwise stop `collectstatic`."""

    patterns = tuple(
        (extension, tuple(pattern for pattern in found if "sourceMappingURL" not in str(pattern)))
        for extension, found in CompressedManifestStaticFilesStorage.patterns
    )
