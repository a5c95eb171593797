"""Handing out a private file once the view has checked who is asking."""

import logging

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def private_file_response(field_file, *, filename: str, content_type: str | None = None):
    """On object storage, a redirect to a signed URL that expires (the app streams nothing); on disk, the file."""
    storage = field_file.storage
    if getattr(storage, "querystring_auth", False) and hasattr(storage, "bucket_name"):
        parameters = {"ResponseContentDisposition": content_disposition_header(True, filename)}
        if content_type:
            parameters["ResponseContentType"] = content_type
        response = HttpResponseRedirect(storage.url(field_file.name, parameters=parameters))
        response["Referrer-Policy"] = "no-referrer"
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError:
            # A stored file that vanished (lost disk, restore without media) is an operator's fault, not a 500.
            logger.error("private file missing from storage: %s", field_file.name)
            raise Http404(
                _("The file is missing from storage. The administrators have been told; please try again later.")
            ) from None
        response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    add_never_cache_headers(response)
    return response
