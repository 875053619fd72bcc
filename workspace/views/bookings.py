"""Provides the booking pages: services, a month calendar (和暦, weekday, 祝日), a day's slots and
bookings (close a slot or the day, mark 来所 / 無断キャンセル in bulk and undo), and weekly schedules.
Every write goes through the booking services, the same rules as the API and the kiosk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from backend.booking.attendance import appointments_mark, appointments_undo
from backend.booking.calendar import holiday_name, japan_time, month_grid, wareki, wareki_year, weekday_ja
from backend.booking.schedules import day_close, schedule_create, slot_block
from backend.booking.selectors import staff_service_get
from backend.booking.staff_selectors import (
    month_counts,
    service_day,
    shared_services,
    staff_services,
    upcoming_appointments,
    viewable_service,
)
from backend.core.errors import ApplicationError, NotFound
from backend.municipalities.models import StaffMember
from workspace.access import staff_page
from workspace.words import STATUSES, in_japanese, refused_rows

MARKS = {"arrived": "来所", "noshow": "無断キャンセル", "fulfilled": "終了"}
WEEKDAYS = ("月", "火", "水", "木", "金", "土", "日")


def _refused(request: HttpRequest, error: ApplicationError, title: str) -> HttpResponse:
    return render(request, "workspace/message.html", {
        "title": title, "message": in_japanese(error), "problems": refused_rows(error)}, status=error.status)


def _service(staff: StaffMember, code: str) -> Any:
    try:
        return staff_service_get(municipality=staff.municipality, code=code)
    except NotFound:
        raise Http404("no such service") from None


@staff_page
def services(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    return render(request, "workspace/services.html", {
        "staff": staff, "services": staff_services(municipality=staff.municipality),
        "shared": shared_services(municipality=staff.municipality), "today": timezone.localdate()})


@staff_page
def month(request: HttpRequest, staff: StaffMember, code: str, year: int, month: int) -> HttpResponse:
    service = _service(staff, code)
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404("no such month")
    counts = month_counts(municipality=staff.municipality, code=code, year=year, month=month)
    weeks = [[{"day": d, "count": counts.get(d.date)} for d in week] for week in month_grid(year, month)]
    first = dt.date(year, month, 1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(request, "workspace/month.html", {
        "staff": staff, "service": service, "weeks": weeks, "first": first, "wareki_year": wareki_year(first),
        "previous": previous, "following": following, "weekdays": WEEKDAYS})


@staff_page
def day(request: HttpRequest, staff: StaffMember, code: str, day: str) -> HttpResponse:
    on = _date(day)
    info = service_day(municipality=staff.municipality, code=code, day=on)
    rows = [{"slot": r.slot, "booked": r.booked, "status": r.status, "time": japan_time(r.slot.start)[-5:]}
            for r in info.slots]
    appointments = [{"a": a, "time": japan_time(a.slot.start)[-5:], "status": STATUSES.get(a.status, a.status)}
                    for a in info.appointments]
    return render(request, "workspace/day.html", {
        "staff": staff, "service": info.service, "day": on, "shared": info.service.partnerships.exists(),
        "wareki": wareki(on), "weekday": weekday_ja(on),
        "holiday": holiday_name(on), "slots": rows, "appointments": appointments, "counts": info.counts,
        "done": request.GET.get("done", ""), "done_label": MARKS.get(request.GET.get("done", ""), "")})


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Http404("no such day") from None


@staff_page
def upcoming(request: HttpRequest, staff: StaffMember, code: str) -> HttpResponse:
    """The bookings still to come (today from now on, and the next days), for planning the counter;
    for a neighbour's shared service, the bookings this town's kiosks made, to call its residents."""
    try:
        service, runs_it = viewable_service(municipality=staff.municipality, code=code)
    except NotFound:
        raise Http404("no such service") from None
    days = int(request.GET["days"]) if request.GET.get("days", "").isdigit() else 14
    rows = [{"a": a, "when": japan_time(a.slot.start), "status": STATUSES.get(a.status, a.status)}
            for a in upcoming_appointments(municipality=staff.municipality, code=code, days=min(max(days, 1), 366))]
    return render(request, "workspace/upcoming.html", {
        "staff": staff, "service": service, "rows": rows, "days": days, "runs_it": runs_it,
        "partners": [p.partner.name for p in service.partnerships.select_related("partner")] if runs_it else []})


@require_POST
@staff_page
def mark(request: HttpRequest, staff: StaffMember, code: str, day: str) -> HttpResponse:
    _service(staff, code)
    references = request.POST.getlist("reference")[:500]
    action = request.POST.get("action", "")
    if not references:
        return redirect(f"/staff/bookings/{code}/{day}/?done=none")
    try:
        if action == "undo":
            appointments_undo(municipality=staff.municipality, references=references)
        elif action in MARKS:
            appointments_mark(municipality=staff.municipality, references=references, status=action)
        else:
            raise Http404("no such action")
    except ApplicationError as error:
        return _refused(request, error, "変更できません")
    return redirect(f"/staff/bookings/{code}/{day}/?done={action}")


@require_POST
@staff_page
def close(request: HttpRequest, staff: StaffMember, code: str, day: str) -> HttpResponse:
    _service(staff, code)
    blocked = request.POST.get("open") != "1"
    slot_id = request.POST.get("slot", "")
    try:
        if slot_id:
            closure = slot_block(municipality=staff.municipality, slot_id=int(slot_id), blocked=blocked)
        else:
            closure = day_close(municipality=staff.municipality, service_code=code, day=_date(day), blocked=blocked)
    except (ApplicationError, ValueError) as error:
        message = error if isinstance(error, ApplicationError) else NotFound("その 枠は ありません。")
        return _refused(request, message, "閉じられません")
    affected = [{"reference": a.reference, "time": japan_time(a.slot.start), "name": a.name_kana, "phone": a.phone,
                 "status": STATUSES.get(a.status, a.status)} for a in closure.appointments]
    return render(request, "workspace/closed.html", {
        "staff": staff, "code": code, "day": day, "blocked": blocked, "slots": len(closure.slots),
        "affected": affected})


@staff_page
def schedule(request: HttpRequest, staff: StaffMember, code: str) -> HttpResponse:
    service = _service(staff, code)
    result, error, sent = None, None, request.POST
    if request.method == "POST":
        try:
            plan = _schedule_form(sent)
        except ValueError as problem:
            error = str(problem)
        else:
            try:
                result = schedule_create(municipality=staff.municipality, service_code=code, **plan)
            except ApplicationError as failure:
                error = in_japanese(failure)
    return render(request, "workspace/schedule.html", {
        "staff": staff, "service": service, "result": result, "error": error, "sent": sent,
        "weekdays": list(enumerate(WEEKDAYS)), "chosen": sent.getlist("weekday") if sent else []},
        status=400 if error else 200)


def _schedule_form(sent: Any) -> dict[str, Any]:
    """The schedule form read and checked, in the clerk's words; ValueError says what to fix."""
    try:
        starts_on = dt.date.fromisoformat(sent.get("starts_on", ""))
        ends_on = dt.date.fromisoformat(sent.get("ends_on", ""))
    except ValueError:
        raise ValueError("日付を 確かめて ください（例：2027-01-05）。") from None
    if ends_on < starts_on or (ends_on - starts_on).days > 365:
        raise ValueError("最後の 日は 最初の 日より 後で、1年 以内に して ください。")
    weekdays = sorted({int(w) for w in sent.getlist("weekday") if w.isdigit() and int(w) < 7})
    try:
        times = sorted({dt.time.fromisoformat(t.strip()) for t in sent.get("times", "").split(",") if t.strip()})
    except ValueError:
        raise ValueError("時刻を 確かめて ください（例：10:00, 14:30）。") from None
    if not weekdays or not times:
        raise ValueError("曜日を 1つ 以上 選び、時刻を 1つ 以上 入れて ください。")
    capacity = sent.get("capacity", "")
    if not capacity.isdigit() or not 1 <= int(capacity) <= 50:
        raise ValueError("1枠の 人数は 1人から 50人までに して ください。")
    return {"starts_on": starts_on, "ends_on": ends_on, "weekdays": weekdays, "times": times,
            "capacity": int(capacity), "comment": sent.get("comment", "")[:200],
            "place": sent.get("place", "")[:200], "skip_holidays": sent.get("holidays") != "1"}
