"""Request bodies of the JSON API: closed and strict, so a misspelt key or a wrong type is refused.

Every body schema derives from ``BodyIn``: pydantic refuses keys it does not declare (422, naming
the key), and the OpenAPI document says ``"additionalProperties": false``, so clients and
generated code know the exact shape. Response schemas stay open: a later version may add fields
to an answer, and clients should ignore fields they do not know (docs/api.md, "Request bodies").
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Strict
from pydantic import Field as PydanticField

from ipstrategy.core.identifiers import MAX_ROW_ID

#: A text that holds something other than spaces (and no NUL, which no field accepts): for the
#: OpenAPI rules that make a field required in substance, e.g. the reason a report is returned.
NOT_BLANK = r"^[^\x00]*[^\s\x00][^\x00]*$"


def _text_only(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("a date is written as text: YYYY-MM-DD")
    return value


def _whole(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


#: A whole number in a body: JSON's 3 or 3.0 (the same integer to JSON Schema), never "3" or true.
Whole = Annotated[int, BeforeValidator(_whole)]
#: An id in a body, as a whole number a database column can hold.
WholeId = Annotated[int, PydanticField(ge=1, le=MAX_ROW_ID), BeforeValidator(_whole)]
#: A date in a body: ISO text only (pydantic would also read a number as a Unix time).
IsoDate = Annotated[date, Strict(False), BeforeValidator(_text_only)]
#: An id written as an object key (JSON keys are text): read as a number.
IdKey = Annotated[int, Strict(False)]


class BodyIn(Schema):
    """A closed, strict request body: undeclared keys answer 422, and so does a value of another JSON
    type than the schema's ("1" for a number, 1 for a text), which pydantic would otherwise convert."""

    model_config = ConfigDict(extra="forbid", strict=True)
