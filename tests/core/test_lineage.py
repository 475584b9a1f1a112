"""The lineage core: named objects, genre words, candidates, scores and the gold pair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipstrategy.core.agencies import default_registry
from ipstrategy.core.lineage import LinkTask, named_objects, propose_links
from ipstrategy.core.lineage.documents import link_documents, link_json
from ipstrategy.core.lineage.index import blocking_keys, build_vectors, candidate_pairs
from ipstrategy.core.lineage.text import content_words, features

PLANS = Path(__file__).resolve().parents[2] / "src" / "ipstrategy" / "data" / "plans"
GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "lineage_001_004.json"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Revise the Patent Law of the People's Republic of China, improve articles.", "patent law"),
        ("推动修改《中华人民共和国商标法》", "商标法"),
        ("Continue the special “Sword Net” (“剑网”) campaign.", "sword net"),
        ("Organize the National Intellectual Property Propaganda Week.", "national ip publicity week"),
        (
            "Organize and carry out the National IP Publicity Week, strengthen dissemination.",
            "national ip publicity week",
        ),
        (
            "Promote amendments to the *Regulations on Protection of New Varieties of Plants*.",
            "regulations on protection of new varieties of plants",
        ),
    ],
)
def test_named_objects_in_both_languages_and_translations(text: str, expected: str) -> None:
    assert expected in named_objects(text)


def test_a_sentence_of_genre_words_names_nothing() -> None:
    assert named_objects("Strengthen the special campaign and improve the five-year plan.") == frozenset()


def test_genre_verbs_are_not_content() -> None:
    words = content_words("Strengthen and improve the examination of intellectual property applications")
    assert "strengthen" not in words and "improve" not in words
    assert words == ["examination", "ip", "applications"]


def test_chinese_is_cut_into_bigrams_without_genre_verbs() -> None:
    grams = features("加强专利质押融资")
    assert "专利" in grams and "融资" in grams and "加强" not in grams


def _task(plan: str, index: int, text: str, agencies: tuple[str, ...] = ("CNIPA",)) -> LinkTask:
    return LinkTask(plan=plan, index=index, number=str(index + 1), text=text, agencies=agencies)


def test_same_commitment_links_and_same_theme_does_not() -> None:
    a = [
        _task("a", 0, "Revise the Patent Law, improve articles on administrative enforcement."),
        _task("a", 1, "Strengthen the publicity of intellectual property culture in schools."),
        _task("a", 2, "Improve the trademark examination quality management system."),
    ]
    b = [
        _task("b", 0, "Cooperate in completing the revision of the Patent Law and its implementing rules."),
        _task("b", 1, "Strengthen the protection of geographical indications for farm products."),
        _task("b", 2, "Optimize the evaluation of trademark examination quality."),
    ]
    links = {(link.a.index, link.b.index): link for link in propose_links(a + b)}
    assert (0, 0) in links and (2, 2) in links
    assert (1, 1) not in links  # "strengthen ... intellectual property" is theme, not commitment
    assert links[(0, 0)].score > 0 and links[(0, 0)].grade in {"strong", "weak"}


def test_no_link_inside_one_plan() -> None:
    tasks = [_task("a", 0, "Revise the Patent Law."), _task("a", 1, "Revise the Patent Law again.")]
    assert propose_links(tasks) == []


def test_blocks_keep_distant_years_apart() -> None:
    tasks = [
        LinkTask("p2001", 0, "1", "Revise the Patent Law on design patents.", block=2001),
        LinkTask("p2002", 0, "1", "Revise the Patent Law on design patents.", block=2002),
        LinkTask("p2010", 0, "1", "Revise the Patent Law on design patents.", block=2010),
    ]
    vectors = build_vectors(tasks)
    blocking_keys(tasks, vectors, per_task=8, max_df=1.0)
    pairs = set(candidate_pairs(tasks, vectors, neighbours=lambda y: (y - 1, y, y + 1)))
    assert pairs == {(0, 1)}


def test_departments_count_through_successors() -> None:
    succession = default_registry().succession
    assert succession.current("SIPO") == "CNIPA"  # what lets 2012's SIPO meet 2020's CNIPA


def test_gold_pair_strong_links_are_mostly_right() -> None:
    """Against the careful reader's links: strong proposals hit the gold more often than not."""
    gold = {(r["a"]["index"], r["b"]["index"]) for r in json.loads(GOLD.read_text(encoding="utf-8"))}
    links = link_documents([str(PLANS / "001_2f910b4b67935e32.txt"), str(PLANS / "004_7ca9520cd5ea7a07.txt")])
    strong = [(link.a.index, link.b.index) for link in links if link.grade == "strong"]
    assert strong, "no strong link proposed"
    hits = sum(pair in gold for pair in strong)
    assert hits / len(strong) >= 0.7
    assert ((27, 21) in strong) or ((27, 21) in {(link.a.index, link.b.index) for link in links})  # Patent Law
    row = link_json(links[0])
    assert row["a"]["document"] == "001_2f910b4b67935e32.txt" and isinstance(row["a"]["index"], int)


def test_different_objects_of_one_kind_do_not_count_as_the_same_object() -> None:
    from ipstrategy.core.lineage.objects import object_similarity

    trademark, patent = named_objects("Revise the Trademark Law."), named_objects("Revise the Patent Law.")
    assert trademark and patent
    assert object_similarity(trademark, patent) == 0.0  # they share only the trigrams of "law"
    assert (
        object_similarity(
            patent, named_objects("Complete the revision of the Patent Law of the People's Republic of China.")
        )
        == 1.0
    )
    week = named_objects("Organize the National Intellectual Property Publicity Week.")
    assert object_similarity(week, named_objects("Hold the National IP Propaganda Week.")) == 1.0


def test_the_glossary_gives_both_languages_the_same_concepts() -> None:
    """质押融资 and "pledge financing" share no character: the glossary's concept is their one feature."""
    zh, en = features("推动知识产权质押融资"), features("Promote IP pledge financing")
    shared = {f for f in zh.keys() & en.keys() if f.startswith("@")}
    assert {"@质押", "@质押融资"} <= shared and "@知识产权" not in shared  # the genre's subject is no concept


def test_a_chinese_task_links_to_its_english_translation_through_the_glossary() -> None:
    zh = [
        _task("zh", 0, "推动知识产权质押融资，建设质押融资服务平台。"),
        _task("zh", 1, "加强植物新品种审查，制定测试指南。", ("MARA",)),
        _task("zh", 2, "组织开展中小学知识产权教育。", ("MOE",)),
    ]
    en = [
        _task("en", 0, "Provide IP education in primary and secondary schools.", ("MOE",)),
        _task("en", 1, "Build a service platform for IP pledge financing."),
        _task("en", 2, "Examine new varieties of plants and publish test guides.", ("MARA",)),
    ]
    best: dict[int, int] = {}
    for link in propose_links(zh + en):  # best first: each Chinese task's top English partner
        ends = {link.a.plan: link.a.index, link.b.plan: link.b.index}
        best.setdefault(ends["zh"], ends["en"])
    assert best == {0: 1, 1: 2, 2: 0}


def test_genre_words_alone_do_not_link_across_languages() -> None:
    """ "加强知识产权工作" and "strengthen IP work" share only the genre's most common concept."""
    tasks = [
        _task("zh", 0, "加强知识产权工作。"),
        _task("zh", 1, "推动专利质押融资。"),
        _task("en", 0, "Strengthen intellectual property work."),
        _task("en", 1, "Revise the Trademark Law."),
        _task("en", 2, "Promote patent pledge financing."),
    ]
    links = {(link.a.plan, link.a.index, link.b.plan, link.b.index) for link in propose_links(tasks)}
    assert ("en", 2, "zh", 1) in links
    assert ("en", 0, "zh", 0) not in links


def test_candidates_come_from_a_shared_concept_across_languages() -> None:
    tasks = [_task("zh", 0, "完善作品登记制度。"), _task("en", 0, "Improve works registration.")]
    vectors = build_vectors(tasks)
    blocking_keys(tasks, vectors, per_task=8, max_df=1.0)
    assert set(candidate_pairs(tasks, vectors, min_shared=1)) == {(0, 1)}


def test_pair_cosines_match_the_dictionary_cosine() -> None:
    from ipstrategy.core.lineage.index import CROSS_SCALE, cosine, pair_cosines

    texts = ["Revise the Patent Law.", "Complete the revision of the Patent Law.", "", "推动专利质押融资", "IP pledge"]
    tasks = [_task(str(n), n, text) for n, text in enumerate(texts)]
    vectors = build_vectors(tasks)
    pairs = [(i, j) for i in range(len(tasks)) for j in range(i + 1, len(tasks))]
    fast = pair_cosines(vectors, pairs)
    for (i, j), value in zip(pairs, fast, strict=True):
        a, b = vectors.weights(i), vectors.weights(j)
        if "推" in tasks[i].text + tasks[j].text:  # across languages: the concepts' space, scaled
            a, b = ({k: v for k, v in w.items() if k.startswith("@")} for w in (a, b))
            a, b = ({k: v / (sum(x * x for x in w.values()) ** 0.5) for k, v in w.items()} for w in (a, b))
            assert value == pytest.approx(CROSS_SCALE * cosine(a, b))
        else:
            assert value == pytest.approx(cosine(a, b))
    assert fast[0] > 0.3 and fast[pairs.index((0, 2))] == 0.0


def test_a_law_title_is_one_object_in_both_languages_through_the_glossary() -> None:
    from ipstrategy.core.lineage.objects import object_similarity

    plants_zh = named_objects("推动修改《植物新品种保护条例》。")
    plants_en = named_objects("Promote amendments to the *Regulations on Protection of New Varieties of Plants*.")
    assert object_similarity(plants_zh, plants_en) == 1.0
    assert object_similarity(named_objects("修改《专利法》"), named_objects("Revise the Patent Law.")) >= 0.7
    assert object_similarity(named_objects("修改《商标法》"), named_objects("Revise the Patent Law.")) == 0.0
    # a name whose shared concepts are only kinds of object is not the same object
    assert object_similarity(named_objects("《数据平台》"), named_objects("the Trade Secret Platform")) == 0.0


def test_across_languages_only_the_concepts_are_compared_and_the_grade_means_the_same() -> None:
    """The English task's letter n-grams cannot meet Chinese: compared in the concepts' space (and
    scaled to the full space's level), a translation is a strong link, a same-theme task is not."""
    from ipstrategy.core.lineage.index import mostly_chinese

    assert mostly_chinese("推进“三合一”审判机制改革。") and not mostly_chinese("the “Sword Net” (“剑网”) campaign")
    tasks = [
        _task("zh", 0, "完善知识产权审判工作机制，推进“三合一”审判机制改革。", ("SPC",)),
        _task("zh", 1, "深入推进软件正版化工作。", ("NCAC",)),
        _task("en", 0, "Push forward with three-in-one IP trial work.", ("SPC",)),
        _task("en", 1, "Consolidate the results of using genuine software in government agencies.", ("NCAC",)),
        _task("en", 2, "Strengthen the judicial protection of trade secrets.", ("SPC",)),
    ]
    links = {(link.a.index, link.b.index): link for link in propose_links(tasks)}  # a is "en"
    assert links[(0, 0)].grade == "strong" and links[(1, 1)].grade == "strong"
    assert (2, 0) not in links or links[(2, 0)].score < links[(0, 0)].score / 2
