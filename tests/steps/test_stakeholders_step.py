"""Step 02 (stakeholders) on the sample engagement: checks, summary, tables, privacy."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import kit.steps.stakeholders.view as step
from kit.engagement import Engagement, load_engagement
from kit.report import ReportContext

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh"
AS_OF = date(2026, 6, 30)
REAL_NAMES = ("Markus Weber", "Sabine Krüger", "Thomas Schmidt", "Jan Schulz", "Petra Lange")


@pytest.fixture(scope="module")
def engagement() -> Engagement:
    return load_engagement(SAMPLE)


def _view(engagement: Engagement, lang: str) -> tuple[ReportContext, step.StakeholdersView]:
    ctx = ReportContext(engagement=engagement, language=lang, as_of=AS_OF)
    return ctx, step.load_stakeholders(ctx)


def test_only_the_it_check_fails_on_the_sample(engagement: Engagement) -> None:
    _, view = _view(engagement, "de")
    assert len(view.register) == 11
    assert view.phases[0] == "blueprint" and len(view.phases) == 7
    # Thomas Schmidt and Jan Schulz (department IT) have no letter in the Blueprint column
    assert [c.id for c in view.failed] == ["it_from_start"]
    assert len(view.checks) == 9


def test_summary_names_the_it_check_and_what_to_do(engagement: Engagement) -> None:
    ctx, view = _view(engagement, "de")
    text = step.stakeholders_summary(ctx, view).text
    assert "8 von 9 Prüfungen der Erfolgsfaktoren sind erfüllt." in text
    assert "IT ab dem Blueprint: Die IT (Thomas Schmidt, Jan Schulz)" in text
    # Setup column: Thomas Schmidt A, Jan Schulz R
    assert (
        "Erstmals beteiligt ist sie in der Phase Setup (Thomas Schmidt: A, Jan Schulz: R)." in text
    )
    assert "Die IT wird oft unterschätzt" in text
    assert "Die IT jetzt in den Blueprint holen" in text
    # 11 people; departments: Finanzen, Kreditmanagement, Geschäftsführung, Finanzen & Controlling,
    # IT, Buchhaltung, Kundenservice, Vertrieb, Recht & Compliance = 9; influence and interest
    # both ≥ 4: Markus Weber (4, 5) and Sabine Krüger (4, 5)
    assert "11 Personen aus 9 Bereichen" in text
    assert (
        "Eng einzubinden (hoher Einfluss und hohes Interesse): Markus Weber, Sabine Krüger." in text
    )
    en = step.stakeholders_summary(*_view(engagement, "en")).text
    assert "IT from the Blueprint: IT (Thomas Schmidt, Jan Schulz) is not involved" in en
    assert "project lead (Markus Weber)" in en


def test_headline_and_tiles(engagement: Engagement, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(step, "headline", lambda ctx, **kw: seen.append(kw))
    ctx, view = _view(engagement, "de")
    step.stakeholders_headline(ctx, view)
    assert seen == [
        {
            "title": "Stakeholder",
            "value_text": "8 von 9 Erfolgsfaktoren erfüllt",
            "takeaway": "Offen: IT ab dem Blueprint",
            "status": "warn",
        }
    ]
    assert step.stakeholders_tiles(ctx, view).text.splitlines() == [
        "Personen im Register: 11",
        "Bereiche: 9",
        "Eng einzubinden: 2",
        "Erfolgsfaktoren erfüllt: 8\u00a0von 9",
    ]


def test_checks_table_highlights_the_failed_row_only(engagement: Engagement) -> None:
    ctx, view = _view(engagement, "en")
    html = step.checks_table(ctx, view).html
    assert html.count('class="kit-missed"') == 1
    missed_row = re.search(r'<tr class="kit-missed"[^>]*>(.*?)</tr>', html)
    assert missed_row is not None and "IT from the Blueprint" in missed_row.group(1)
    assert "Why it matters" in html


@pytest.mark.parametrize(
    ("influence", "interest", "expected"),
    [
        (5, 5, "manage_closely"),
        (4, 4, "manage_closely"),
        (5, 3, "keep_satisfied"),  # interest 3 sits on the line and counts as low
        (3, 4, "keep_informed"),
        (3, 3, "monitor"),
        (1, 1, "monitor"),
    ],
)
def test_quadrant(influence: int, interest: int, expected: str) -> None:
    assert step.quadrant(influence, interest) == expected


def test_register_table_lists_phases_with_a_and_r(engagement: Engagement) -> None:
    ctx, view = _view(engagement, "de")
    html = step.register_table(ctx, view).html
    # Markus Weber: A,R,R,R,A,R,C → A in Blueprint and Go-live, R in Setup, Schulung,
    # Abnahmetest, Hypercare
    row = re.search(r"<tr><td[^>]*>Markus Weber</td>(.*?)</tr>", html)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    assert cells[-2:] == ["Blueprint, Go-live", "Setup, Schulung, Abnahmetest, Hypercare"]
    assert cells[2] == "Eng einbinden"


def test_pseudonymised_register_hides_every_name(
    engagement: Engagement, monkeypatch: pytest.MonkeyPatch
) -> None:
    private = engagement.model_copy(update={"privacy": "pseudonymise"})
    ctx, view = _view(private, "de")
    shown: list[Any] = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    blocks = [
        step.stakeholders_summary(ctx, view),
        step.checks_table(ctx, view),
        step.register_table(ctx, view),
        step.privacy_note(ctx, view),
    ]
    html = "".join(b.html for b in blocks if b is not None)
    for name in REAL_NAMES:
        assert name not in html
    assert "@" not in html  # no contact addresses
    # the register order gives the pseudonyms: Thomas Schmidt is the 5th person → Person E
    assert "IT ab dem Blueprint: Die IT (Person E, Person F)" in html
    assert "pseudonymisiert" in html
    step.power_interest(ctx, view)
    texts = [t.get_text() for t in shown[0].axes[0].texts]
    assert "Person A" in texts and not set(REAL_NAMES) & set(texts)


def test_fixed_register_passes_every_check(engagement: Engagement, tmp_path: Path) -> None:
    text = (SAMPLE / "stakeholders.csv").read_text(encoding="utf-8")
    # give IT a role in the Blueprint: Thomas Schmidt consulted (C)
    fixed = text.replace(
        "Thomas Schmidt,IT-Leiter,IT,4,3,,A", "Thomas Schmidt,IT-Leiter,IT,4,3,C,A"
    )
    assert fixed != text
    (tmp_path / "stakeholders.csv").write_text(fixed, encoding="utf-8")
    ok = engagement.model_copy(update={"stakeholders": tmp_path / "stakeholders.csv"})
    ctx, view = _view(ok, "en")
    assert view.failed == []
    summary = step.stakeholders_summary(ctx, view).text
    assert "9 of 9 success-factor checks pass." in summary
    assert "roles are assigned as the success factors demand" in summary


def test_glossary_has_raci_letters_and_quadrants(engagement: Engagement) -> None:
    ctx, view = _view(engagement, "en")
    html = step.stakeholders_glossary(ctx, view).html
    for term in (
        "<dt>R</dt>",
        "<dt>A</dt>",
        "<dt>C</dt>",
        "<dt>I</dt>",
        "Manage closely",
        "Monitor",
    ):
        assert term in html
    assert "stakeholder register of the engagement" in html and ".csv" not in html  # no file
    assert not re.search(r"\{[a-z_]+\}", html)
