"""Provides volunteers, their console tokens, help requests, co-pilot suggestions and the
anonymous session records the municipality counts (assisted rate, stuck points).

A help request carries where the resident is (flow, step, option keys chosen, language, display
modes) and why they asked, and nothing that identifies them: no name, phone number or booking
reference ever reaches it (answers are option keys, checked by pattern).
"""

from __future__ import annotations

from django.db import models

from backend.municipalities.models import KioskDevice, Municipality


class Volunteer(models.Model):
    """A デジタル推進委員 with a Django account, serving one site of one municipality."""

    user = models.OneToOneField("auth.User", on_delete=models.CASCADE, related_name="volunteer")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="volunteers")
    site = models.CharField(max_length=200, help_text="The kiosk site they serve, e.g. 中央図書館")
    display_name = models.CharField(max_length=40, help_text="What the resident is told, e.g. 田中")
    on_duty_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.display_name} @ {self.site} ({self.municipality.code})"


class VolunteerToken(models.Model):
    """A console sign-in. Only a SHA-256 hash of the token is stored; it expires."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="tokens")
    key_prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked = models.BooleanField(default=False)


class Reason(models.TextChoices):
    CANT_READ = "cant_read"
    DONT_UNDERSTAND = "dont_understand"
    WANT_TO_BOOK = "want_to_book"
    OTHER = "other"


class RequestStatus(models.TextChoices):
    OPEN = "open"
    ACCEPTED = "accepted"
    RESOLVED = "resolved"
    CANCELLED = "cancelled"


class Outcome(models.TextChoices):
    SOLVED = "solved"
    BOOKED = "booked"
    SENT_TO_COUNTER = "sent_to_counter"
    NOT_SOLVED = "not_solved"
    OTHER = "other"


class HelpRequest(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="help_requests")
    device = models.ForeignKey(KioskDevice, on_delete=models.CASCADE, related_name="help_requests")
    site = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    reason = models.CharField(max_length=32, choices=Reason.choices)
    flow_id = models.CharField(max_length=64, blank=True)
    node_id = models.CharField(max_length=64, blank=True)
    step = models.PositiveSmallIntegerField(default=0)
    language = models.CharField(max_length=16, default="ja")
    modes = models.JSONField(default=dict)
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(Volunteer, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="accepted_requests")
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=32, choices=Outcome.choices, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["municipality", "site", "status", "created_at"])]
        ordering = ["created_at"]


class SuggestionAction(models.TextChoices):
    OPEN_SUMMARY = "open_summary"
    PLAIN_ON = "plain_on"
    FURIGANA_ON = "furigana_on"
    HIGH_CONTRAST_ON = "high_contrast_on"
    READ_ALOUD = "read_aloud"
    GO_HOME = "go_home"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Suggestion(models.Model):
    """A step the volunteer proposes; nothing changes on the kiosk until the resident confirms."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="suggestions")
    action = models.CharField(max_length=32, choices=SuggestionAction.choices)
    status = models.CharField(max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)


class KioskSession(models.Model):
    """One resident's session, counted anonymously when it ends (backend/figures reads these).

    Content ids and yes/no only: never anything the resident typed or answered, and no time finer
    than the day. A blank ``language`` marks a record from a kiosk that sent only flows and
    assisted (before the language, modes, completed flows and last step were recorded).
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="kiosk_sessions")
    device = models.ForeignKey(KioskDevice, null=True, on_delete=models.SET_NULL, related_name="sessions")
    ended_on = models.DateField()
    flows = models.JSONField(default=list)
    assisted = models.BooleanField(default=False)
    completed = models.JSONField(default=list, help_text="Flows whose end (an outcome or hand-off) was reached")
    last_flow = models.CharField(max_length=64, blank=True)
    last_node = models.CharField(max_length=64, blank=True, help_text="The last step of a flow on screen")
    language = models.CharField(max_length=16, blank=True, help_text="The language last shown; blank: not recorded")
    used_plain = models.BooleanField(default=False)
    used_furigana = models.BooleanField(default=False)
    used_read_aloud = models.BooleanField(default=False)
    used_high_contrast = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["municipality", "ended_on"])]
