"""What the API's document uploads (a plan's import, a plan's revision) say about their file.

Kept apart from the routers so that both import it without importing each other (``plans.api``
loads the workspace and revision routers at its end).
"""

from __future__ import annotations

from typing import Any

from ninja import File

from ipstrategy.core.parsing.readers import SUPPORTED_EXTENSIONS

#: A document upload's answer the generic error list cannot give: what a 400 means there. The
#: file's type comes from its name and its readability from its bytes, which no JSON Schema can
#: describe; the document says so, and lists the media types for clients that label their parts.
DOCUMENT_UPLOAD_EXTRA: dict[str, Any] = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                # An empty file is refused (400, "the file is empty"): that much the schema can say.
                "schema": {"properties": {"file": {"minLength": 1}}},
                "encoding": {
                    "file": {
                        "contentType": ", ".join(
                            (
                                "text/plain",
                                "text/markdown",
                                "text/html",
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                "application/vnd.oasis.opendocument.text",
                                "application/pdf",
                            )
                        )
                    }
                },
            }
        }
    },
    "responses": {
        "400": {
            "description": (
                "The file is empty, its name has none of the extensions the parser reads ("
                + ", ".join(SUPPORTED_EXTENSIONS)
                + "), or it cannot be read as one (damaged, or no plan in it); detail names the file and the reason"
            )  # the body's schema is the one every error answer has (api_errors adds it)
        }
    },
}

#: A document upload's one file field.
DOCUMENT = File(
    ..., description="The document: " + ", ".join(SUPPORTED_EXTENSIONS) + " (its type is read from its name)."
)
