"""Provides ContentRelease: one immutable, checksummed version of a municipality's guidance."""

from __future__ import annotations

from typing import Any

from django.db import models

from backend.municipalities.models import Municipality


class ContentRelease(models.Model):
    """The rendered guidance document for one municipality. Only ``is_current`` may ever change."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="releases")
    version = models.PositiveIntegerField()
    checksum = models.CharField(max_length=64)
    document = models.JSONField()
    body = models.BinaryField(null=True, editable=False,
                              help_text="The 200 answer of GET /api/guidance/release, serialised at publish")
    body_gzip = models.BinaryField(null=True, editable=False, help_text="``body``, gzipped")
    is_current = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "version"], name="release_version_per_municipality"),
            models.UniqueConstraint(fields=["municipality"], condition=models.Q(is_current=True),
                                    name="one_current_release_per_municipality"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and kwargs.get("update_fields") != ["is_current"]:
            raise ValueError("content releases are immutable; publish a new release instead")
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.municipality.code} v{self.version}"


class NodeOverride(models.Model):
    """A municipality's own words for one step of a shared flow, in one register
    (guidance/overrides.py). ``draft`` is what staff are editing (None: nothing pending; with
    ``draft_remove`` the override goes back to the template); ``published`` the words its releases
    use. Each keeps the template words it was written against, to notice a template change."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="node_overrides")
    flow_id = models.CharField(max_length=64)
    node_id = models.CharField(max_length=64)
    register = models.CharField(max_length=16)
    draft = models.JSONField(null=True, blank=True)
    draft_base = models.JSONField(default=dict)
    draft_remove = models.BooleanField(default=False)
    published = models.JSONField(null=True, blank=True)
    published_base = models.JSONField(default=dict)
    origin = models.CharField(max_length=100, blank=True,
                              help_text="The municipality that first published these words, when imported "
                                        "from its package (empty: this municipality's own)")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "flow_id", "node_id", "register"],
                                               name="one_override_per_node_register")]
