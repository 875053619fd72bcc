"""Provides what municipal staff do with their own values in the workspace: draft, check, publish.

A draft never touches the live release. Publishing renders the shared flows with the published
values into a new immutable release (the one the kiosks fetch) and writes the audit trail; the
same values are used again whenever the content files are imported, so a later
``madoguchi content publish`` keeps what staff published (docs/decisions/0008-content-ownership.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from backend.core.errors import Conflict, Forbidden
from backend.guidance.models import ContentRelease, NodeOverride
from backend.guidance.override_services import override_problems
from backend.guidance.own_values import (
    content_draft,
    values_draft,
    values_inherited,
    values_own,
    values_published,
)
from backend.guidance.services import release_publish, release_rollback
from backend.municipalities.models import AuditEntry, MunicipalityValues, StaffMember
from guidance.model import ContentSet
from guidance.overrides import Override
from guidance.release import render_release
from guidance.translations import Translations
from guidance.values import ValueProblem, check_values, normalise, uses


def _audit(staff: StaffMember, action: str, summary: str, detail: dict[str, Any] | None = None,
           release: ContentRelease | None = None) -> None:
    AuditEntry.objects.create(municipality=staff.municipality, user=staff.user, action=action, summary=summary,
                              detail=detail or {}, release_version=release.version if release else None)


def values_changes(before: Mapping[str, str], after: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(key, before, after) for every value that differs."""
    return [(key, before.get(key, ""), after.get(key, "")) for key in sorted(set(before) | set(after))
            if before.get(key, "") != after.get(key, "")]


@transaction.atomic
def values_draft_save(*, staff: StaffMember, content: ContentSet, values: Mapping[str, str]) -> list[ValueProblem]:
    """Keep what was typed as the draft (nothing typed is lost, even with problems) and return
    what the check finds; only keys the municipality has or the guidance uses are kept."""
    if not staff.can_edit():
        raise Forbidden("この アカウントは 閲覧だけです。編集の 権限が ありません。")
    municipality = staff.municipality
    known = set(values_published(municipality, content))
    known |= set(uses(content))
    draft = {key: normalise(key, str(value)) for key, value in values.items() if key in known}
    own, _created = MunicipalityValues.objects.select_for_update().get_or_create(municipality=municipality)
    before = values_draft(municipality, content)
    own.draft, own.updated_by = draft, staff.user
    own.save()
    changed = values_changes(before, draft)
    if changed:
        _audit(staff, "values_draft", f"下書きを保存（{len(changed)}項目）",
               {"changes": [list(change) for change in changed]})
    return check_values(content, municipality.code, draft, sample=municipality.is_sample)


@transaction.atomic
def drafts_publish(*, staff: StaffMember, content: ContentSet, translations: Translations) -> ContentRelease:
    """Publish the drafts (values and the municipality's own words for steps) as a new release;
    refused while the check finds a problem in any of them."""
    if not staff.can_publish():
        raise Forbidden("公開の 権限が ありません。公開できる 職員に 頼んで ください。")
    municipality = staff.municipality
    own, _created = MunicipalityValues.objects.select_for_update().get_or_create(municipality=municipality)
    draft = values_draft(municipality, content)
    problems = [{"key": p.key, "message": p.message}
                for p in check_values(content, municipality.code, draft, sample=municipality.is_sample)]
    pending = list(NodeOverride.objects.select_for_update().filter(municipality=municipality)
                   .exclude(draft__isnull=True, draft_remove=False))
    for override in pending:
        if override.draft is not None and not override.draft_remove:
            words = Override(override.flow_id, override.node_id, override.register, override.draft,
                             override.draft_base)
            problems += [{"key": f"{override.flow_id}/{override.node_id}/{override.register}/{p.field}",
                          "message": f"{override.flow_id} の 画面 {override.node_id}：{p.message}"}
                         for p in override_problems(content, words, draft)]
    if problems:
        raise Conflict("確認で 問題が 見つかったので 公開できません。", details={"problems": problems})
    before = values_published(municipality, content)
    release = release_publish(municipality=municipality,
                              document=render_release(content_draft(content, municipality), municipality.code,
                                                      translations))
    # A value left as the prefecture's is not kept as the municipality's own: it follows the prefecture.
    own.published = values_own(draft, values_inherited(municipality, content))
    own.draft, own.updated_by = {}, staff.user
    own.save()
    for override in pending:
        if override.draft_remove:
            override.delete()
            continue
        override.published, override.published_base = override.draft, override.draft_base
        override.draft, override.updated_by = None, staff.user
        override.save()
    changed = values_changes(before, draft)
    summary = f"リリース {release.version} を公開（値 {len(changed)}項目、画面 {len(pending)}件の 変更）"
    _audit(staff, "publish", summary,
           {"changes": [list(change) for change in changed],
            "steps": [f"{o.flow_id}/{o.node_id}/{o.register}" for o in pending]}, release)
    return release


@transaction.atomic
def release_rollback_by(*, staff: StaffMember, version: int) -> ContentRelease:
    """Make release ``version`` current again, as a publisher, with the trail saying who did."""
    if not staff.can_publish():
        raise Forbidden("元に 戻す 権限が ありません。公開できる 職員に 頼んで ください。")
    release = release_rollback(municipality=staff.municipality, version=version)
    _audit(staff, "rollback", f"リリース {version} に 戻しました", release=release)
    return release
