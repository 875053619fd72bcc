"""Provides every write on assistance: volunteer accounts and tokens, help requests, suggestions,
resolution (with the personal-data check on notes) and anonymous session records."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backend.assistance.models import (
    HelpRequest,
    KioskSession,
    RequestStatus,
    Suggestion,
    SuggestionStatus,
    Volunteer,
    VolunteerToken,
)
from backend.assistance.selectors import help_request_of_device, help_request_of_volunteer
from backend.core.errors import ApplicationError, Conflict, NotFound, Unauthorized
from backend.municipalities.models import KioskDevice, Municipality
from privacy.names import looks_like_name
from privacy.numbers import is_my_number, looks_like_phone, looks_like_pin

TOKEN_PREFIX = "mdv"
DUTY_SECONDS = 60
"""A console that stops polling (closed, crashed, network gone) goes off duty after this long."""


@dataclass(frozen=True)
class SessionDetails:
    """What a session record says beyond its flows and assistance; blank language: not recorded."""

    completed: tuple[str, ...] = ()
    last_flow: str = ""
    last_node: str = ""
    language: str = ""
    plain: bool = False
    furigana: bool = False
    read_aloud: bool = False
    high_contrast: bool = False


class PersonalDataInNote(ApplicationError):
    status = 422
    code = "personal_data_in_note"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def volunteer_register(*, municipality_code: str, site: str, username: str, password: str,
                       display_name: str) -> Volunteer:
    from django.contrib.auth.models import User

    municipality = Municipality.objects.filter(code=municipality_code).first()
    if municipality is None:
        raise NotFound(f"no municipality with code '{municipality_code}'")
    if User.objects.filter(username=username).exists():
        raise Conflict(f"a user named '{username}' already exists")
    user = User.objects.create_user(username=username, password=password)
    return Volunteer.objects.create(user=user, municipality=municipality, site=site, display_name=display_name)


def token_issue(*, username: str, password: str) -> tuple[str, VolunteerToken]:
    """Sign a volunteer in: a new console token, shown once."""
    from django.contrib.auth import authenticate

    user = authenticate(username=username, password=password)
    volunteer = getattr(user, "volunteer", None) if user is not None and user.is_active else None
    if volunteer is None:
        raise Unauthorized("The username or password is not right, or the account is not a volunteer's.")
    prefix = secrets.token_hex(6)
    key = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    hours = int(settings.VOLUNTEER_TOKEN_HOURS)
    token = VolunteerToken.objects.create(volunteer=volunteer, key_prefix=prefix, key_hash=_hash(key),
                                          expires_at=timezone.now() + timedelta(hours=hours))
    return key, token


def token_authenticate(*, key: str) -> Volunteer | None:
    """The volunteer a token belongs to; an expired or revoked token is a clear 401."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = (VolunteerToken.objects.select_related("volunteer__municipality", "volunteer__user")
             .filter(key_prefix=parts[1]).first())
    if token is None or not hmac.compare_digest(token.key_hash, _hash(key)):
        return None
    if token.revoked or token.expires_at <= timezone.now():
        raise Unauthorized("Your sign-in has expired. Please sign in again.", details={"reason": "token_expired"})
    if not token.volunteer.user.is_active:
        return None
    return token.volunteer


def token_revoke(*, key: str) -> None:
    parts = key.split("_", 2)
    if len(parts) == 3:
        VolunteerToken.objects.filter(key_prefix=parts[1]).update(revoked=True)


def duty_set(*, volunteer: Volunteer, on_duty: bool) -> None:
    volunteer.on_duty_until = timezone.now() + timedelta(seconds=DUTY_SECONDS) if on_duty else None
    volunteer.save(update_fields=["on_duty_until"])


def duty_extend(*, volunteer: Volunteer) -> None:
    """A polling console stays on duty; one that signed off (on_duty_until None) stays off."""
    if volunteer.on_duty_until is not None:
        duty_set(volunteer=volunteer, on_duty=True)


def help_request_create(*, device: KioskDevice, reason: str, context: dict[str, Any]) -> HelpRequest:
    return HelpRequest.objects.create(municipality=device.municipality, device=device, site=device.site,
                                      reason=reason, **context)


def help_request_update_context(*, device: KioskDevice, request_id: int, context: dict[str, Any]) -> HelpRequest:
    request = help_request_of_device(device=device, request_id=request_id)
    if request.status in (RequestStatus.OPEN, RequestStatus.ACCEPTED):
        for field, value in context.items():
            setattr(request, field, value)
        request.save(update_fields=list(context))
    return request


@transaction.atomic
def help_request_cancel(*, device: KioskDevice, request_id: int) -> HelpRequest:
    request = help_request_of_device(device=device, request_id=request_id, lock=True)
    if request.status in (RequestStatus.OPEN, RequestStatus.ACCEPTED):
        request.status = RequestStatus.CANCELLED
        request.resolved_at = timezone.now()
        request.save(update_fields=["status", "resolved_at"])
        request.suggestions.filter(status=SuggestionStatus.PENDING).update(status=SuggestionStatus.DECLINED)
    return request


@transaction.atomic
def suggestion_answer(*, device: KioskDevice, suggestion_id: int, accepted: bool) -> Suggestion:
    suggestion = (Suggestion.objects.select_for_update().select_related("request")
                  .filter(pk=suggestion_id, request__device=device).first())
    if suggestion is None:
        raise NotFound("There is no such suggestion.")
    if suggestion.status != SuggestionStatus.PENDING:
        raise Conflict("This suggestion was already answered.", details={"reason": "already_answered"})
    suggestion.status = SuggestionStatus.ACCEPTED if accepted else SuggestionStatus.DECLINED
    suggestion.answered_at = timezone.now()
    suggestion.save(update_fields=["status", "answered_at"])
    return suggestion


@transaction.atomic
def help_request_accept(*, volunteer: Volunteer, request_id: int) -> HelpRequest:
    request = help_request_of_volunteer(volunteer=volunteer, request_id=request_id, lock=True)
    if request.status != RequestStatus.OPEN:
        reason = "already_accepted" if request.status == RequestStatus.ACCEPTED else "not_open"
        raise Conflict("Someone else has already taken this request, or it has ended.",
                       details={"reason": reason, "status": request.status})
    request.status, request.accepted_by, request.accepted_at = RequestStatus.ACCEPTED, volunteer, timezone.now()
    request.save(update_fields=["status", "accepted_by", "accepted_at"])
    return request


def _own_accepted(volunteer: Volunteer, request_id: int) -> HelpRequest:
    request = help_request_of_volunteer(volunteer=volunteer, request_id=request_id, lock=True)
    if request.status != RequestStatus.ACCEPTED or request.accepted_by_id != volunteer.pk:
        raise Conflict("Accept this request first (or it has ended).",
                       details={"reason": "not_yours", "status": request.status})
    return request


@transaction.atomic
def suggestion_create(*, volunteer: Volunteer, request_id: int, action: str) -> Suggestion:
    request = _own_accepted(volunteer, request_id)
    request.suggestions.filter(status=SuggestionStatus.PENDING).update(status=SuggestionStatus.DECLINED)
    return Suggestion.objects.create(request=request, action=action)


def note_problem(note: str) -> str | None:
    """Why a note must not be kept (it looks like it holds personal data), or None."""
    if is_my_number(note):
        return "my_number"
    if looks_like_phone(note):
        return "phone"
    if looks_like_pin(note):
        return "pin"
    if looks_like_name(note):  # a label or an honorific beside a name (decision record 0012)
        return "name"
    return None


NOTE_MESSAGES = {
    "my_number": "The note seems to hold a My Number (12 digits). Notes must never hold one: please remove it.",
    "phone": "The note seems to hold a phone number. Please leave personal contact details out of notes.",
    "pin": "The note seems to hold a PIN or password (a 4-digit number or a code of letters and digits). "
           "Please leave it out; write years and times with words around them, e.g. 10時.",
    "name": "The note seems to hold a person's name. Please do not write names in notes: "
            "write ご本人 (the resident) or their role instead.",
}


@transaction.atomic
def help_request_resolve(*, volunteer: Volunteer, request_id: int, outcome: str, note: str) -> HelpRequest:
    problem = note_problem(note)
    if problem is not None:
        raise PersonalDataInNote(NOTE_MESSAGES[problem], details={"reason": problem})
    request = _own_accepted(volunteer, request_id)
    request.status, request.outcome, request.note = RequestStatus.RESOLVED, outcome, note
    request.resolved_at = timezone.now()
    request.save(update_fields=["status", "outcome", "note", "resolved_at"])
    request.suggestions.filter(status=SuggestionStatus.PENDING).update(status=SuggestionStatus.DECLINED)
    return request


def session_record(*, device: KioskDevice, flows: list[str], assisted: bool, day: date | None = None,
                   details: SessionDetails | None = None) -> KioskSession:
    """Count an ended session on the day it ended (no finer time is kept)."""
    more = details or SessionDetails()
    return KioskSession.objects.create(
        municipality=device.municipality, device=device, flows=flows, assisted=assisted,
        ended_on=day or timezone.localdate(), completed=list(more.completed), last_flow=more.last_flow,
        last_node=more.last_node, language=more.language, used_plain=more.plain, used_furigana=more.furigana,
        used_read_aloud=more.read_aloud, used_high_contrast=more.high_contrast)
