"""Matching a revised plan's tasks to the stored ones, and the word/character diff of a text."""

from __future__ import annotations

from ipstrategy.core.revision import RevisionTask, match_tasks, text_diff

OLD = [
    RevisionTask("1", "推动专利法实施细则修订出台，做好配套规章的衔接工作。", lead="CNIPA", participants=("MOJ",)),
    RevisionTask("2", "加快推进商标法修改，研究完善商标注册和管理制度。", lead="CNIPA"),
    RevisionTask("3", "在8个改革试点地区复制推广知识产权保护经验做法。", lead="SPC"),
    RevisionTask("4", "Improve the examination of patent applications in priority fields.", lead="CNIPA"),
]


def _t(number: str | None, text: str, **kw: object) -> RevisionTask:
    return RevisionTask(number, text, **kw)  # type: ignore[arg-type]


def test_unchanged_plan_keeps_every_task() -> None:
    matching = match_tasks(OLD, OLD)
    assert matching.counts() == {"kept": 4, "changed": 0, "added": 0, "removed": 0}
    assert [(p.old, p.new) for p in matching.pairs] == [(0, 0), (1, 1), (2, 2), (3, 3)]


def test_one_changed_one_added() -> None:
    new = [
        OLD[0],
        _t("2", "加快推进商标法修改，研究完善商标注册、使用和管理制度。", lead="CNIPA"),
        OLD[2],
        OLD[3],
        _t("5", "建设国家知识产权保护信息平台。", lead="CNIPA"),
    ]
    matching = match_tasks(OLD, new)
    assert matching.counts() == {"kept": 3, "changed": 1, "added": 1, "removed": 0}
    (changed,) = matching.changed
    assert (changed.old, changed.new, changed.changed) == (1, 1, ("text",))
    assert matching.added == (4,)


def test_a_task_inserted_in_the_middle_renumbers_the_rest_without_losing_them() -> None:
    inserted = _t("2", "建设国家知识产权保护信息平台，推动数据共享。", lead="CNIPA")
    renumbered = [OLD[0], inserted, *(_t(str(int(t.number or 0) + 1), t.text, lead=t.lead) for t in OLD[1:])]
    matching = match_tasks(OLD, renumbered)
    assert matching.added == (1,) and matching.removed == ()
    assert [(p.old, p.new) for p in matching.pairs] == [(0, 0), (1, 2), (2, 3), (3, 4)]
    assert all(p.changed == ("number",) for p in matching.pairs[1:])


def test_reworded_and_renumbered_still_pairs_with_itself_not_with_the_number() -> None:
    new = [
        OLD[0],
        _t("2", "在8个改革试点地区复制推广知识产权保护经验。", lead="SPC"),  # old 3, reworded, now 2
        _t("3", "Improve the examination of patent applications in key fields.", lead="CNIPA"),  # old 4
    ]
    matching = match_tasks(OLD, new)
    assert {(p.old, p.new) for p in matching.pairs} == {(0, 0), (2, 1), (3, 2)}
    assert matching.removed == (1,)


def test_a_different_task_under_the_same_number_is_removed_and_added() -> None:
    new = [OLD[0], _t("2", "Set up a national centre for geographical indications.", lead="CNIPA"), *OLD[2:]]
    matching = match_tasks(OLD, new)
    assert matching.removed == (1,) and matching.added == (1,)


def test_responsibility_changes_are_changes() -> None:
    new = [OLD[0], OLD[1], _t("3", OLD[2].text, lead="SPP", participants=("MPS",)), OLD[3]]
    matching = match_tasks(OLD, new)
    (changed,) = matching.changed
    assert changed.changed == ("lead", "participants")


def test_unnumbered_tasks_match_by_text() -> None:
    old = [_t(None, "Strengthen the protection of trade secrets."), _t(None, "Publish guidelines on data.")]
    new = [_t(None, "Publish guidelines on data."), _t(None, "Strengthen the protection of trade secrets.")]
    matching = match_tasks(old, new)
    assert {(p.old, p.new) for p in matching.pairs} == {(0, 1), (1, 0)}
    assert matching.counts()["kept"] == 2


def test_repeated_identical_texts_pair_by_number() -> None:
    old = [_t("1", "Report annually."), _t("2", "Publish the list."), _t("3", "Report annually.")]
    new = [_t("1", "Publish the list."), _t("2", "Report annually."), _t("3", "Report annually.")]
    matching = match_tasks(old, new)
    assert {(p.old, p.new) for p in matching.pairs} == {(0, 1), (1, 0), (2, 2)}
    assert [p.changed for p in matching.pairs] == [("number",), ("number",), ()]


def test_text_diff_is_word_level_in_english_and_character_level_in_chinese() -> None:
    english = text_diff("Improve patent examination quality.", "Improve trademark examination quality.")
    assert [(s.op, s.text) for s in english.segments] == [
        ("equal", "Improve "),
        ("delete", "patent"),
        ("insert", "trademark"),
        ("equal", " examination quality."),
    ]
    chinese = text_diff("研究完善商标注册和管理制度。", "研究完善商标注册、使用和管理制度。")
    assert [(s.op, s.text) for s in chinese.segments] == [
        ("equal", "研究完善商标注册"),
        ("insert", "、使用"),
        ("equal", "和管理制度。"),
    ]
    assert not text_diff("same", "same").changed
