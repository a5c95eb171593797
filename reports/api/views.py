"""The read API for HR systems: people, completions, JP ledger and certificates of the integration's units."""

from django.conf import settings
from django.db.models import Value
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, pagination, serializers
from wagtail.log_actions import log

from certificates.models import Certificate
from people.models import Unit
from records.selectors import with_jp_total

from ..exports import verification_prefix
from ..selectors import completions_under, course_title_expression, people_under
from .authentication import IntegrationAuthentication, IntegrationRateThrottle, IsIntegration


class Page(pagination.PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class FilterSerializer(serializers.Serializer):
    unit = serializers.CharField(required=False, max_length=32, help_text="Unit code; only this unit and below")
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)


UNIT = OpenApiParameter("unit", OpenApiTypes.STR, description="Unit code: this unit and the units below it")
YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="Calendar year (Asia/Jakarta)")


class PersonSerializer(serializers.Serializer):
    nip = serializers.CharField()
    name = serializers.CharField(source="display_name")
    email = serializers.CharField()
    position = serializers.CharField()
    rank = serializers.CharField()
    grade = serializers.CharField()
    employment_type = serializers.CharField()
    unit_code = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")


class CompletionSerializer(serializers.Serializer):
    nip = serializers.CharField(source="user.nip", allow_null=True)
    name = serializers.CharField(source="user.display_name")
    unit_code = serializers.CharField(source="unit.code")
    title = serializers.CharField(source="api_title")
    jp = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    completed_at = serializers.DateTimeField()
    certificate_number = serializers.SerializerMethodField()
    verification_url = serializers.SerializerMethodField()

    def _certificate(self, completion):
        return getattr(completion, "certificate", None)

    def get_certificate_number(self, completion) -> str | None:
        certificate = self._certificate(completion)
        return certificate.number if certificate else None

    def get_verification_url(self, completion) -> str | None:
        certificate = self._certificate(completion)
        if certificate is None:
            return None
        before, after = self.context["verification_prefix"]
        return f"{before}{certificate.token}{after}"


class LedgerSerializer(serializers.Serializer):
    nip = serializers.CharField()
    name = serializers.CharField(source="display_name")
    unit_code = serializers.CharField(source="unit.code")
    year = serializers.IntegerField(source="ledger_year")
    jp = serializers.IntegerField(source="jp_total")
    target = serializers.IntegerField(source="jp_target")
    shortfall = serializers.SerializerMethodField()

    def get_shortfall(self, person) -> int:
        return max(0, person.jp_target - person.jp_total)


class CertificateSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    holder_nip = serializers.CharField()
    holder_name = serializers.CharField()
    title = serializers.CharField(source="module_title")
    jp = serializers.IntegerField()
    completed_on = serializers.DateField()
    issued_at = serializers.DateTimeField()
    verification_url = serializers.SerializerMethodField()

    def get_verification_url(self, certificate) -> str:
        before, after = self.context["verification_prefix"]
        return f"{before}{certificate.token}{after}"


class ScopedListView(generics.ListAPIView):
    """Everything an integration reads is limited to its units and the units below them."""

    authentication_classes = [IntegrationAuthentication]
    permission_classes = [IsIntegration]
    throttle_classes = [IntegrationRateThrottle]
    pagination_class = Page

    def filters(self) -> dict:
        serializer = FilterSerializer(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def roots(self) -> list[Unit]:
        roots = list(self.request.auth.units.all())
        code = self.filters().get("unit")
        if code:
            chosen = Unit.objects.filter(code=code).first()
            inside = chosen is not None and any(chosen.path.startswith(root.path) for root in roots)
            roots = [chosen] if inside else []
        return roots

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "verification_prefix": verification_prefix()}

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        # Audit: which integration read what (path, filters, rows on this page, IP) — never the rows.
        log(
            instance=request.auth,
            action="melayani.api_read",
            data={
                "path": request.path,
                "filters": {key: str(value) for key, value in self.filters().items()},
                "rows": len(response.data.get("results", [])) if isinstance(response.data, dict) else 0,
                "ip": request.META.get("REMOTE_ADDR"),
            },
        )
        return response


@extend_schema(parameters=[UNIT], summary="Active ASN of the integration's units")
class PeopleView(ScopedListView):
    serializer_class = PersonSerializer

    def get_queryset(self):
        return people_under(self.roots()).select_related("unit").order_by("pk")


@extend_schema(parameters=[UNIT, YEAR], summary="Completions recorded in the integration's units")
class CompletionsView(ScopedListView):
    serializer_class = CompletionSerializer

    def get_queryset(self):
        return (
            completions_under(self.roots(), year=self.filters().get("year"))
            .annotate(api_title=course_title_expression())
            .select_related("user", "unit", "certificate")
            .order_by("pk")
        )


@extend_schema(parameters=[UNIT, YEAR], summary="JP per person in a year against the target (default: this year)")
class LedgerView(ScopedListView):
    serializer_class = LedgerSerializer

    def get_queryset(self):
        year = self.filters().get("year") or timezone.localdate().year
        return (
            with_jp_total(people_under(self.roots()), year=year)
            .annotate(ledger_year=Value(year), jp_target=Value(settings.MELAYANI_JP_TARGET))
            .select_related("unit")
            .order_by("pk")
        )


@extend_schema(parameters=[UNIT, YEAR], summary="Certificates of completions in the integration's units")
class CertificatesView(ScopedListView):
    serializer_class = CertificateSerializer

    def get_queryset(self):
        completions = completions_under(self.roots(), year=self.filters().get("year"))
        return Certificate.objects.filter(completion__in=completions.values("pk")).order_by("pk")
