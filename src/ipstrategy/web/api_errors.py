"""The error answers every API operation can give, written into the OpenAPI document.

django-ninja documents the responses an operation declares; the refusals that come from
elsewhere (validation: 422; a NUL character or a number no column holds: 400; a JSON body too
large: 413; a read-only database: 503; sign-in and the policies: 401/403; a row not found: 404;
the workflow and optimistic locking: 409/412) would otherwise be answers a client cannot know
about. Free-text strings carry a pattern that excludes NUL. Every error answer has the same shape: ``{"detail": ...}`` (a message, or ninja's list of
validation problems).
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"detail": {"description": "What was wrong: a message, or a list of validation problems."}},
    "required": ["detail"],
}

#: status -> description; every operation may answer these.
ALWAYS = {
    "400": "Bad request: a NUL character, a number no id can be, or a value the service refuses",
    "404": "Not found (or not visible to the caller: the answer does not say which)",
    "413": "The request body is too large",
    "422": "The parameters or the body do not match the schema",
    "503": "The database is read-only or unreachable; nothing was written",
}
#: ... and operations that write or need a signed-in caller, these too.
WRITES = {
    "401": "Not signed in",
    "403": "The caller may not do this",
    "409": "The workflow has no such step from here, or the report changed meanwhile",
    "412": "If-Match names an older version of the report",
}
#: ... and operations that replace a versioned object (If-Match required), this one.
PRECONDITION = {"428": "If-Match is missing: say which version you edited (lost-update protection)"}


#: Text the API accepts: anything but NUL, which no field can store (the middleware answers 400).
NO_NUL = "^[^\\x00]*$"


def _strings_without_nul(node: Any) -> None:
    """Give every free-text string in the schema the ``NO_NUL`` pattern, so clients know.

    Also drop ``default: null`` where the type admits no null (an optional field that may be left
    out but not sent as null, e.g. a form's number): the default contradicts the type, and a client
    that sends it is refused.
    """
    if isinstance(node, dict):
        if (
            "default" in node
            and node["default"] is None
            and isinstance(node.get("type"), str)
            and node["type"] != "null"
        ):
            del node["default"]
        if node.get("type") == "string" and not ({"pattern", "format", "enum", "const"} & node.keys()):
            node["pattern"] = NO_NUL
        if node.get("type") == "object" and node.get("additionalProperties", True) is not False:
            node.setdefault("propertyNames", {"pattern": NO_NUL})  # free keys (a dict): no NUL in them either
        for value in node.values():
            _strings_without_nul(value)
    elif isinstance(node, list):
        for value in node:
            _strings_without_nul(value)


def errors_documented(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with the error answers added to every operation (declared ones are kept)."""
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            extra = dict(ALWAYS)
            if method.lower() != "get" or operation.get("security"):
                extra |= WRITES
            if any(p.get("in") == "header" and p.get("name") == "If-Match" for p in operation.get("parameters", [])):
                extra |= PRECONDITION
            for status, description in extra.items():
                answer = operation["responses"].setdefault(status, {"description": description})
                answer.setdefault("content", {"application/json": {"schema": ERROR_SCHEMA}})  # declared: its own words
    _strings_without_nul(schema.get("paths", {}))
    _strings_without_nul(schema.get("components", {}))
    return schema
