"""Provides the sharing of a service between municipalities (地域間連携): who may book it, and
who may see which of its bookings.

The provider's staff run the service and see every booking of it; a partner's kiosks book it and
the partner's staff see the bookings its own kiosks made. A booking belongs to the municipality
whose kiosk made it, so lookups at that kiosk, figures and erasure need nothing new.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from backend.booking.models import Partnership, Service
from backend.core.errors import ApplicationError
from backend.municipalities.models import Municipality


def offered_to(municipality: Municipality) -> Q:
    """Services this municipality's kiosks book: its own and those a partner shares with it (a
    multi-valued join: query with ``distinct()``)."""
    return Q(municipality=municipality) | Q(partnerships__partner=municipality)


def visible_to(municipality: Municipality) -> Q:
    """Appointments this municipality's staff may see: those its kiosks made, and every booking of
    the services it provides."""
    return Q(municipality=municipality) | Q(service__municipality=municipality)


def partnership_problem(*, service: Service, partner: Municipality) -> str | None:
    """Why ``service`` cannot be offered to ``partner``: never to its own municipality, and never
    under a code the partner already uses (its kiosks find services by code)."""
    if partner.pk == service.municipality_id:
        return "A service is already offered to its own municipality."
    if Service.objects.filter(municipality=partner, code=service.code).exists():
        return f"'{partner.name}' already has a service with the code '{service.code}'."
    return None


@transaction.atomic
def partnership_create(*, service: Service, partner: Municipality) -> Partnership:
    """Offer ``service`` to ``partner``'s residents (once: a repeat changes nothing)."""
    problem = partnership_problem(service=service, partner=partner)
    if problem:
        raise ApplicationError(problem, details={"service": service.code, "partner": partner.code})
    partnership, _ = Partnership.objects.get_or_create(service=service, partner=partner)
    return partnership
