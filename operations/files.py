"""Handing out a private file once the view has checked who is asking."""

from django.http import FileResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header


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
        response = FileResponse(field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    add_never_cache_headers(response)
    return response
