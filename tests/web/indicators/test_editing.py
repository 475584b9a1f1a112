"""The office edits and imports indicators, audited; nobody else can, and then nothing changes."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import Workbook

from ipstrategy.cli import main
from ipstrategy.web.foundation.audit import audit_verify
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.indicators.editing import indicator_update
from ipstrategy.web.indicators.errors import ImportRefused, IndicatorNotAllowed
from ipstrategy.web.indicators.importing import indicators_import
from ipstrategy.web.indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db

CODE = "pct_applications"
EDIT = f"/indicators/{CODE}/edit/"


def _form(indicator: Indicator, **changes: str) -> dict[str, str]:
    data = {
        "name_en": indicator.name_en,
        "name_zh": indicator.name_zh,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "attribute": indicator.attribute,
        "trajectory": indicator.trajectory,
        "definition": indicator.definition,
        "definition_zh": indicator.definition_zh,
        "plan": str(indicator.plan_id or ""),
        "section": indicator.section,
    }
    return data | changes


def _snapshot() -> tuple:
    return (
        list(Indicator.objects.order_by("pk").values_list()),
        list(IndicatorValue.objects.order_by("pk").values_list()),
        AuditEntry.objects.count(),
    )


def test_the_office_edits_a_definition_and_it_is_audited(client: Client, staff) -> None:  # type: ignore[no-untyped-def]
    client.force_login(staff.office)
    indicator = Indicator.objects.get(code=CODE)
    response = client.post(EDIT, _form(indicator, definition="Applications under the PCT, in 10,000."))
    assert response.status_code == 302
    assert Indicator.objects.get(code=CODE).definition == "Applications under the PCT, in 10,000."
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "indicator_update" and entry.actor_name == "i-office"
    assert (
        entry.after["definition"].startswith("Applications") and entry.before["definition"] != entry.after["definition"]
    )
    assert audit_verify().ok


def test_the_office_adds_an_observation_with_its_source(client: Client, staff) -> None:  # type: ignore[no-untyped-def]
    client.force_login(staff.office)
    data = {
        "year": "2024",
        "kind": "observed",
        "value": "7.3",
        "plan": "",
        "publisher": "WIPO",
        "release": "PCT Yearly Review 2025",
        "url": "",
        "note": "",
    }
    assert client.post(f"/indicators/{CODE}/values/new/", data).status_code == 302
    row = IndicatorValue.objects.get(indicator__code=CODE, year=2024, kind="observed")
    assert (row.value, row.publisher) == (7.3, "WIPO")
    page = client.get(f"/indicators/{CODE}/").content.decode()
    assert "PCT Yearly Review 2025" in page
    # a target without a plan is refused with a message, nothing written
    bad = data | {"kind": "target", "year": "2030"}
    assert client.post(f"/indicators/{CODE}/values/new/", bad).status_code == 400
    assert not IndicatorValue.objects.filter(indicator__code=CODE, year=2030).exists()


@pytest.mark.parametrize("role", ["reporter", "evaluator"])
def test_other_roles_are_refused_and_nothing_changes(client: Client, staff, role: str) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(staff, role))
    indicator = Indicator.objects.get(code=CODE)
    before = _snapshot()
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, _form(indicator, definition="Hijacked.")).status_code == 403
    data = {"year": "2024", "kind": "observed", "value": "1", "plan": "", "publisher": "x", "release": "y"}
    assert client.post(f"/indicators/{CODE}/values/new/", data).status_code == 403
    upload = io.BytesIO(b"indicator,definition_en\npct_applications,Hijacked\n")
    upload.name = "x.csv"
    assert client.post("/indicators/import/", {"file": upload}).status_code == 403
    assert _snapshot() == before
    with pytest.raises(IndicatorNotAllowed):
        indicator_update(actor=getattr(staff, role), indicator=indicator, changes={"definition": "x"})


def test_anonymous_is_sent_to_sign_in_or_refused(client: Client) -> None:
    before = _snapshot()
    response = client.get(EDIT)
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.post(EDIT, {"definition": "x"}).status_code == 403
    assert _snapshot() == before


def test_public_page_has_no_edit_links_or_internal_notes(client: Client) -> None:
    page = client.get("/indicators/ip_pledge_financing/").content.decode()
    assert EDIT not in page and "/edit/" not in page
    assert "law-firm" not in page and "chinaiplawupdate" not in page and "UNCONFIRMED" not in page
    assert 'class="unconfirmed"' in page  # the mark, not the note


def test_import_values_csv_all_rows(staff) -> None:  # type: ignore[no-untyped-def]
    content = (
        "indicator,year,kind,value,plan_id,publisher,release,url,unconfirmed\n"
        f"{CODE},2024,observed,7.3,,WIPO,PCT Yearly Review 2025,https://www.wipo.int/,no\n"
        f"{CODE},2025,observed,7.4,,WIPO,PCT Yearly Review 2026,,yes\n"
    ).encode()
    result = indicators_import(content=content, filename="values.csv", actor=staff.office)
    assert (result.kind, result.rows, result.created) == ("values", 2, 2)
    assert IndicatorValue.objects.get(indicator__code=CODE, year=2025).unconfirmed
    assert AuditEntry.objects.filter(action="indicator_value_save").count() >= 2


def test_import_refuses_the_whole_file_naming_every_bad_cell(staff) -> None:  # type: ignore[no-untyped-def]
    content = (
        "indicator,year,kind,value,plan_id,publisher,release,url,unconfirmed\n"
        f"{CODE},2024,observed,7.3,,WIPO,R,,no\n"
        f"{CODE},20x4,observed,7.3,,WIPO,R,,no\n"
        f"{CODE},2025,target,many,999999,,,,maybe\n"
    ).encode()
    before = _snapshot()
    with pytest.raises(ImportRefused) as refused:
        indicators_import(content=content, filename="values.csv", actor=staff.office)
    text = str(refused.value)
    assert "values.csv: row 3: column year: not a year" in text
    assert "values.csv: row 4: column value: not a number" in text
    assert "values.csv: row 4: column plan_id: no plan with id '999999'" in text
    assert "values.csv: row 4: column unconfirmed" in text
    assert _snapshot() == before


def test_import_definitions_xlsx_creates_and_updates(staff) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "name_en", "name_zh", "unit", "direction", "definition_en", "trajectory"])
    sheet.append(["trademark_registration_examination_months", None, None, None, None, "Months to examine.", None])
    sheet.append(
        [
            "geographical_indication_products",
            "GI products",
            "地理标志产品",
            "products",
            "up",
            "Registered GI products.",
            "geometric",
        ]
    )
    out = io.BytesIO()
    book.save(out)
    result = indicators_import(content=out.getvalue(), filename="defs.xlsx", actor=staff.office)
    assert (result.kind, result.rows, result.created) == ("definitions", 2, 1)
    assert Indicator.objects.get(code="trademark_registration_examination_months").definition == "Months to examine."
    assert Indicator.objects.get(code="geographical_indication_products").trajectory == "geometric"


def test_import_definitions_refuses_a_bad_choice(staff) -> None:  # type: ignore[no-untyped-def]
    content = b"indicator,direction\npct_applications,sideways\n"
    with pytest.raises(ImportRefused, match=r"defs.csv: row 2: column direction: expected one of up, down"):
        indicators_import(content=content, filename="defs.csv", actor=staff.office)


def test_import_page_lists_errors_and_cli_exits_2(client: Client, staff, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    client.force_login(staff.office)
    upload = io.BytesIO(b"indicator,year,kind,value\npct_applications,2024,observed,lots\n")
    upload.name = "v.csv"
    response = client.post("/indicators/import/", {"file": upload})
    assert response.status_code == 400 and "v.csv: row 2: column value: not a number" in response.content.decode()
    bad = tmp_path / "v.csv"
    bad.write_bytes(b"indicator,year,kind,value\npct_applications,2024,observed,lots\n")
    assert main(["indicators", "import", str(bad)]) == 2
    assert "row 2: column value" in capsys.readouterr().err


def test_import_values_xlsx_with_numbers_stored_as_floats(staff) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "year", "kind", "value", "publisher", "release"])
    sheet.append([CODE, 2024.0, "observed", 7.3, "WIPO", "PCT Yearly Review 2025"])
    out = io.BytesIO()
    book.save(out)
    result = indicators_import(content=out.getvalue(), filename="values.xlsx", actor=staff.office)
    assert result.rows == 1
    assert IndicatorValue.objects.get(indicator__code=CODE, year=2024, kind="observed").value == 7.3


def test_only_the_office_deletes_a_value_and_it_is_audited(client: Client, staff) -> None:  # type: ignore[no-untyped-def]
    value = IndicatorValue.objects.get(indicator__code=CODE, kind="observed", year=2019)
    url = f"/indicators/{CODE}/values/{value.pk}/delete/"
    client.force_login(staff.reporter)
    assert client.post(url).status_code == 403
    assert IndicatorValue.objects.filter(pk=value.pk).exists()
    client.force_login(staff.office)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not IndicatorValue.objects.filter(pk=value.pk).exists()
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "indicator_value_delete" and entry.before["value"] == value.value
