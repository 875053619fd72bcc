"""The figures from a real database: what each table counts, what it hides, and that one
municipality's figures never include another's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from backend.assistance.models import HelpRequest, RequestStatus
from backend.figures.period import Period
from backend.figures.presenters import figures_document
from backend.figures.report import Figures, figures_of
from backend.figures.suppression import K
from backend.municipalities.models import Municipality
from tests.figures.conftest import device_of, recorder

pytestmark = [pytest.mark.django_db, pytest.mark.database]
MONDAY = date(2026, 11, 2)
WEEKS = Period(MONDAY, MONDAY + timedelta(days=13))


def texts(figures: Figures, key: str, column: int = 0) -> dict[str, str]:
    table = figures.table(key)
    return {row.key: row.figures[column].text for row in table.rows}


def test_sessions_per_day_and_week_hide_small_days_and_enough_others_that_none_adds_back(
        town: Municipality) -> None:
    record = recorder(town)
    record(MONDAY, 8)
    record(MONDAY + timedelta(days=1), 3)  # a small day: hidden
    record(MONDAY + timedelta(days=2), 9)
    for offset in range(7, 14):
        record(MONDAY + timedelta(days=offset), 6)
    figures = figures_of(municipality=town, period=WEEKS)
    days = texts(figures, "sessions_by_day")
    assert days["2026-11-03"] == "秘匿" and days["2026-11-05"] == "秘匿"  # nobody is hidden too
    assert days["2026-11-04"] == "9"
    assert days["2026-11-02"] == "秘匿"  # after the week's last hidden day, round to Monday: the sum of the
    # hidden days (11) is then no longer 3 plus zeros
    assert set(list(days.values())[7:]) == {"6"}  # a week with no small day is shown whole
    assert figures.table("sessions_by_day").total.figures[0].text == "62"  # type: ignore[union-attr]
    assert texts(figures, "sessions_by_week") == {"2026-11-02": "20", "2026-11-09": "42"}
    shown = [f.value for r in figures.table("sessions_by_day").rows for f in r.figures if not f.hidden]
    assert all(v is not None and v >= K for v in shown)


def test_a_week_of_small_days_hides_its_own_total(town: Municipality) -> None:
    record = recorder(town)
    for offset in range(7):
        record(MONDAY + timedelta(days=offset), 2)  # 14 in the week, but every day is small
    record(MONDAY + timedelta(days=7), 30)
    weeks = texts(figures_of(municipality=town, period=WEEKS), "sessions_by_week")
    assert weeks == {"2026-11-02": "秘匿", "2026-11-09": "秘匿"}  # with the total shown, two are hidden


def test_fewer_than_five_sessions_show_nothing_at_all(town: Municipality) -> None:
    recorder(town)(MONDAY, 4, assisted=True, plain=True)
    document = figures_document(figures_of(municipality=town, period=WEEKS))
    numbers = [f for t in document["tables"] if t["key"] in ("summary", "sessions_by_day", "sessions_by_week",
                                                            "flows", "languages", "modes")
               for r in t["rows"] + ([t["total"]] if t["total"] else []) for f in r["figures"]]
    assert numbers and all(f["suppressed"] or f["value"] is None for f in numbers)
    assert all(f["value"] is None for f in numbers)  # a hidden number is not in the JSON at all


def test_flows_stops_languages_and_modes_come_from_the_detailed_records(town: Municipality) -> None:
    record = recorder(town)
    record(MONDAY, 10, completed=("lost_card",), last_flow="lost_card", last_node="outcome_home",
           furigana=True)
    record(MONDAY, 6, last_flow="lost_card", last_node="where_lost", language="vi")
    record(MONDAY, 3, last_flow="lost_card", last_node="reissue", language="vi")
    record(MONDAY, 5, flows=("renew_card",), completed=("renew_card",), last_flow="renew_card",
           last_node="renew_outcome")
    record(MONDAY, 7, flows=(), assisted=True, language="")  # an older kiosk: counted, no details
    figures = figures_of(municipality=town, period=WEEKS)
    assert texts(figures, "summary") == {"sessions": "31", "assisted": "7", "unassisted": "24", "detailed": "24"}
    flow = next(r for r in figures.table("flows").rows if r.key == "lost_card")
    assert [f.text for f in flow.figures] == ["19", "10", "9", "52.6%"]
    assert flow.labels[0] != "lost_card"  # the flow's title from the published guidance
    stops = {r.key: (r.labels, r.figures[0].text) for r in figures.table("stops").rows}
    assert stops["lost_card:where_lost"][0][1] != "where_lost"  # the step's title, named: 6 stopped there
    assert "lost_card:reissue" not in stops  # three residents: never named, they are in "other"
    assert {text for _labels, text in stops.values()} == {"秘匿"}  # other (3) and moved on (0) are small,
    # and the next one along, round to the named step, goes with them
    languages = texts(figures, "languages")
    assert languages["vi"] == "9" and languages["en"] == "秘匿" and languages["ja"] == "秘匿"
    assert texts(figures, "modes") == {"plain": "秘匿", "furigana": "10", "read_aloud": "秘匿",
                                       "high_contrast": "秘匿"}


def test_help_requests_outcomes_answers_and_waiting_times(town: Municipality) -> None:
    device = device_of(town)
    asked = timezone.make_aware(timezone.datetime(2026, 11, 3, 10, 0))
    for minutes in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10):
        created = HelpRequest.objects.create(municipality=town, device=device, reason="dont_understand",
                                             status=RequestStatus.RESOLVED, outcome="solved")
        HelpRequest.objects.filter(pk=created.pk).update(created_at=asked,
                                                         accepted_at=asked + timedelta(minutes=minutes))
    for _ in range(6):
        created = HelpRequest.objects.create(municipality=town, device=device, reason="other",
                                             status=RequestStatus.CANCELLED)
        HelpRequest.objects.filter(pk=created.pk).update(created_at=asked)
    figures = figures_of(municipality=town, period=WEEKS)
    outcomes = texts(figures, "help_outcomes")
    assert outcomes["cancelled"] == "6" and outcomes["solved"] == "秘匿"  # next along from the small "waiting"
    answers = texts(figures, "help_answers")
    assert answers == {"answered": "10", "unanswered": "6", "wait_median": "5.5", "wait_p90": "9.1"}


def test_bookings_made_cancelled_and_no_shows(town: Municipality) -> None:
    from backend.booking.demo import sample_booking_ensure
    from backend.booking.models import Appointment, AppointmentStatus, Slot

    sample_booking_ensure(municipality=town, values={"telemedicine_facility": "公民館（サンプル）",
                                                     "telemedicine_facility_fee": "利用料 500円（サンプル）"})
    slot = Slot.objects.filter(municipality=town).order_by("start").first()
    assert slot is not None
    statuses = [AppointmentStatus.BOOKED] * 6 + [AppointmentStatus.CANCELLED] * 5 + [AppointmentStatus.NOSHOW] * 5
    for number, status in enumerate(statuses):
        Appointment.objects.create(municipality=town, slot=slot, service=slot.service, reference=f"R{number:04d}",
                                   status=status)
    today = timezone.localdate()
    figures = figures_of(municipality=town, period=Period(today, today))
    assert texts(figures, "bookings_made") == {"booked": "6", "came": "秘匿", "noshow": "秘匿", "cancelled": "5"}
    assert figures.table("bookings_made").total.figures[0].text == "16"  # type: ignore[union-attr]


def test_one_municipalitys_figures_never_include_anothers(town: Municipality, other_town: Municipality) -> None:
    recorder(town)(MONDAY, 9, last_flow="lost_card", last_node="where_lost")
    before = figures_document(figures_of(municipality=town, period=WEEKS))
    outsider = recorder(other_town)
    outsider(MONDAY, 40, completed=("lost_card",), last_flow="lost_card", last_node="outcome_home",
             language="en", assisted=True, plain=True)
    HelpRequest.objects.create(municipality=other_town, device=device_of(other_town), reason="other")
    assert figures_document(figures_of(municipality=town, period=WEEKS)) == before
    theirs = figures_of(municipality=other_town, period=WEEKS)
    assert texts(theirs, "summary")["sessions"] == "40" and texts(theirs, "languages")["en"] == "40"
