"""Provides the writes on a municipality's own words for steps of the shared flows (drafts): saved
as typed with the check's findings, reverted to the template; drafts_publish publishes them."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from accessibility.tokenizer import Tokenizer
from backend.core.errors import Forbidden, NotFound
from backend.guidance.models import NodeOverride
from backend.municipalities.models import AuditEntry, StaffMember
from guidance.model import REGISTERS, ContentSet
from guidance.overrides import Override, OverrideProblem, check_override, clean, template_words
from guidance.quality import plain_word_findings


@functools.cache
def _tokenizer() -> Tokenizer:
    from accessibility.tokenizer import FugashiTokenizer

    return FugashiTokenizer()


def override_problems(content: ContentSet, override: Override, values: Mapping[str, str]) -> list[OverrideProblem]:
    """The content check of one step's own words: structure and placeholders, and for the plain
    register the plain-Japanese rules' errors (their warnings are shown by the preview only)."""
    problems = check_override(content, override, values)
    if override.register == "plain" and not problems:
        problems += [OverrideProblem(field, f"やさしい日本語の 決まり：{finding.message_ja}（「{text}」）")
                     for field, text, finding in plain_word_findings(clean(override.words), _tokenizer())
                     if finding.severity == "error"]
    return problems


def _node(content: ContentSet, flow_id: str, node_id: str, register: str) -> None:
    if flow_id not in content.flows or node_id not in content.flows[flow_id].nodes or register not in REGISTERS:
        raise NotFound("その 画面は ありません。")


@transaction.atomic
def override_draft_save(*, staff: StaffMember, content: ContentSet, values: Mapping[str, str], flow_id: str,
                        node_id: str, register: str, words: Mapping[str, Any]) -> list[OverrideProblem]:
    """Keep the typed words as a draft, written against today's template words; the findings."""
    if not staff.can_edit():
        raise Forbidden("この アカウントは 閲覧だけです。編集の 権限が ありません。")
    _node(content, flow_id, node_id, register)
    template = template_words(content, flow_id, node_id, register)
    typed = clean(words)
    override, _created = NodeOverride.objects.select_for_update().get_or_create(
        municipality=staff.municipality, flow_id=flow_id, node_id=node_id, register=register)
    if typed == clean(template) and override.published is None:
        override.delete()  # the template's own words: nothing of the municipality's to keep
        return []
    override.draft, override.draft_base, override.draft_remove = typed, template, False
    override.updated_by = staff.user
    override.save()
    AuditEntry.objects.create(municipality=staff.municipality, user=staff.user, action="step_draft",
                              summary=f"画面の 下書きを保存（{flow_id} / {node_id} / {register}）",
                              detail={"step": f"{flow_id}/{node_id}/{register}"})
    return override_problems(content, Override(flow_id, node_id, register, typed, template), values)


@transaction.atomic
def override_revert(*, staff: StaffMember, content: ContentSet, flow_id: str, node_id: str, register: str) -> None:
    """Go back to the template's words at the next publish (a draft not yet published just goes)."""
    if not staff.can_edit():
        raise Forbidden("この アカウントは 閲覧だけです。編集の 権限が ありません。")
    _node(content, flow_id, node_id, register)
    override = NodeOverride.objects.select_for_update().filter(
        municipality=staff.municipality, flow_id=flow_id, node_id=node_id, register=register).first()
    if override is None:
        return
    if override.published is None:
        override.delete()
    else:
        override.draft, override.draft_remove, override.updated_by = None, True, staff.user
        override.save()
    AuditEntry.objects.create(municipality=staff.municipality, user=staff.user, action="step_revert",
                              summary=f"画面を テンプレートに 戻す 下書き（{flow_id} / {node_id} / {register}）",
                              detail={"step": f"{flow_id}/{node_id}/{register}"})
