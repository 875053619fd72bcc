"""Provides the export and import of a municipality's own words as a package (guidance/packages.py).

Export takes what the municipality has published, with each step's provenance (the municipality
that first published those words). Import runs the same content check as the step editor on each
step and keeps the good ones as drafts: nothing reaches a kiosk until a publisher reviews and
publishes them. Words written against an older template keep that base, so after publishing they
are marked 要確認 exactly as the municipality's own words would be.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from backend.core.errors import Forbidden
from backend.guidance.models import NodeOverride
from backend.guidance.override_services import override_problems
from backend.municipalities.models import AuditEntry, Municipality, StaffMember
from guidance.model import ContentSet
from guidance.overrides import Override, clean, template_words
from guidance.packages import Package, PackagedStep, package_bytes


def package_export(*, municipality: Municipality) -> bytes:
    """The municipality's published words for steps, each with who first published them."""
    rows = NodeOverride.objects.filter(municipality=municipality, published__isnull=False).order_by(
        "flow_id", "node_id", "register")
    steps = [PackagedStep(o.flow_id, o.node_id, o.register, o.published or {}, o.published_base,
                          o.origin or municipality.name) for o in rows]
    return package_bytes(exported_by=municipality.name, exported_on=timezone.localdate(), steps=steps)


@dataclass(frozen=True)
class ImportedStep:
    step: PackagedStep
    outcome: str
    """imported, template_changed (imported; its template moved since it was written), refused, unknown."""
    problems: tuple[str, ...] = ()


@transaction.atomic
def package_import(*, staff: StaffMember, content: ContentSet, values: Mapping[str, str],
                   package: Package) -> list[ImportedStep]:
    """Each step of ``package`` checked against this municipality's flows and values; the good ones
    saved as drafts with their provenance (over any draft of the same step), the rest refused
    with the check's words. ``content`` is what this municipality offers (offered())."""
    if not staff.can_edit():
        raise Forbidden("この アカウントは 閲覧だけです。編集の 権限が ありません。")
    report = []
    for step in package.steps:
        flow = content.flows.get(step.flow_id)
        if flow is None or step.node_id not in flow.nodes:
            report.append(ImportedStep(step, "unknown", ("この 市町村の 案内に、この 画面は ありません。",)))
            continue
        words = clean(step.words)
        problems = override_problems(content, Override(step.flow_id, step.node_id, step.register, words,
                                                       step.base), values)
        if problems:
            report.append(ImportedStep(step, "refused", tuple(f"{p.field}：{p.message}" for p in problems)))
            continue
        template = template_words(content, step.flow_id, step.node_id, step.register)
        override, _created = NodeOverride.objects.select_for_update().get_or_create(
            municipality=staff.municipality, flow_id=step.flow_id, node_id=step.node_id, register=step.register)
        override.draft, override.draft_base, override.draft_remove = words, clean(step.base), False
        override.origin, override.updated_by = step.origin, staff.user
        override.save()
        report.append(ImportedStep(step, "imported" if clean(step.base) == clean(template) else "template_changed"))
    taken = len([r for r in report if r.outcome in ("imported", "template_changed")])
    AuditEntry.objects.create(
        municipality=staff.municipality, user=staff.user, action="package_import",
        summary=f"{package.exported_by}の パッケージを 取り込み"
                f"（下書き {taken}画面、取り込めない {len(report) - taken}画面）",
        detail={"exported_by": package.exported_by, "exported_on": package.exported_on,
                "steps": [f"{r.step.flow_id}/{r.step.node_id}/{r.step.register}:{r.outcome}" for r in report]})
    return report
