"""Token authentication for HR systems: one `Integration` per system, its token stored only as a hash."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from ..models import Integration


class IntegrationAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>`; the request's `auth` is the Integration, there is no user."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send one token: Authorization: Bearer <token>.")
        try:
            token = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed("The token is not valid.") from None
        integration = Integration.for_token(token)
        if integration is None:
            raise exceptions.AuthenticationFailed("The token is not valid or the integration is switched off.")
        now = timezone.now()
        if integration.last_used_at is None or now - integration.last_used_at > datetime.timedelta(minutes=1):
            Integration.objects.filter(pk=integration.pk).update(last_used_at=now)
        return AnonymousUser(), integration

    def authenticate_header(self, request):
        return self.keyword


class IsIntegration(permissions.BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.auth, Integration)


class IntegrationRateThrottle(throttling.SimpleRateThrottle):
    """Requests per integration (cache-backed); the rate is REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["integration"]."""

    scope = "integration"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, Integration):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class IntegrationAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = IntegrationAuthentication
    name = "integrationToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "The token printed once by create_integration."}
