"""A quiz as an IMS QTI 2.1 content package: one assessmentItem per question, an assessmentTest
that lists them in order, and imsmanifest.xml, zipped.

Scoring matches the site: one point per question; "select all" questions map each right option
to +1/n and each wrong one to -1/n, bounded to 0..1. Each option's feedback is a modalFeedback
shown for the options chosen, and the explanation is shown after every answer.
"""

from __future__ import annotations

import io
import textwrap
import zipfile

from lxml import etree as ET

from ..content import Question, Quiz

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def item_id(question: Question) -> str:
    return f"Q-{question.id}"


def choice_id(option_id: str) -> str:
    return f"C-{option_id}"


def _element(parent: ET._Element, tag: str, text: str | None = None, **attrs: str) -> ET._Element:
    node = ET.SubElement(parent, f"{{{QTI}}}{tag}", attrs)
    node.text = text
    return node


def _value(parent: ET._Element, tag: str, value: str, **attrs: str) -> None:
    _element(_element(parent, tag), "value", value, **attrs)


def _set(parent: ET._Element, outcome: str) -> ET._Element:
    return _element(parent, "setOutcomeValue", identifier=outcome)


def _root(tag: str, namespace: str, schema: str, **attrs: str) -> ET._Element:
    root = ET.Element(f"{{{namespace}}}{tag}", attrs, nsmap={None: namespace, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{namespace} {schema}")
    return root


def assessment_item(question: Question, lang: str) -> ET._Element:
    item = _root(
        "assessmentItem",
        QTI,
        QTI_XSD,
        identifier=item_id(question),
        title=textwrap.shorten(question.text, width=80, placeholder=" …"),
        adaptive="false",
        timeDependent="false",
    )
    item.set(XML_LANG, lang)
    multiple = question.type == "multiple"
    cardinality = "multiple" if multiple else "single"
    response = _element(
        item,
        "responseDeclaration",
        identifier="RESPONSE",
        cardinality=cardinality,
        baseType="identifier",
    )
    correct = _element(response, "correctResponse")
    for option in question.options:
        if option.correct:
            _element(correct, "value", choice_id(option.id))
    share = 1 / len(question.correct_ids)
    mapping = _element(response, "mapping", lowerBound="0", upperBound="1", defaultValue="0")
    for option in question.options:
        points = share if option.correct else (-share if multiple else 0.0)
        _element(mapping, "mapEntry", mapKey=choice_id(option.id), mappedValue=repr(points))
    for identifier, value in (("SCORE", "0"), ("MAXSCORE", "1")):
        outcome = _element(
            item,
            "outcomeDeclaration",
            identifier=identifier,
            cardinality="single",
            baseType="float",
        )
        _value(outcome, "defaultValue", value)
    _element(
        item,
        "outcomeDeclaration",
        identifier="FEEDBACK",
        cardinality=cardinality,
        baseType="identifier",
    )
    _element(
        item,
        "outcomeDeclaration",
        identifier="EXPLANATION",
        cardinality="single",
        baseType="identifier",
    )
    body = _element(item, "itemBody")
    interaction = _element(
        body,
        "choiceInteraction",
        responseIdentifier="RESPONSE",
        shuffle="false",
        maxChoices="0" if multiple else "1",
    )
    _element(interaction, "prompt", question.text)
    for option in question.options:
        _element(interaction, "simpleChoice", option.text, identifier=choice_id(option.id))
    _response_processing(item)
    for option in question.options:
        feedback = _element(
            item,
            "modalFeedback",
            outcomeIdentifier="FEEDBACK",
            identifier=choice_id(option.id),
            showHide="show",
        )
        _element(feedback, "p", option.feedback)
    explanation = _element(
        item, "modalFeedback", outcomeIdentifier="EXPLANATION", identifier="SHOWN", showHide="show"
    )
    _element(explanation, "p", question.explanation)
    return item


def _response_processing(item: ET._Element) -> None:
    processing = _element(item, "responseProcessing")
    condition = _element(processing, "responseCondition")
    unanswered = _element(condition, "responseIf")
    _element(_element(unanswered, "isNull"), "variable", identifier="RESPONSE")
    _element(_set(unanswered, "SCORE"), "baseValue", "0", baseType="float")
    answered = _element(condition, "responseElse")
    _element(_set(answered, "SCORE"), "mapResponse", identifier="RESPONSE")
    _element(_set(answered, "FEEDBACK"), "variable", identifier="RESPONSE")
    _element(_set(processing, "EXPLANATION"), "baseValue", "SHOWN", baseType="identifier")


def assessment_test(quiz: Quiz) -> ET._Element:
    test = _root("assessmentTest", QTI, QTI_XSD, identifier=f"T-{quiz.id}", title=quiz.title)
    outcome = _element(
        test, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float"
    )
    _value(outcome, "defaultValue", "0")
    part = _element(
        test, "testPart", identifier="P-1", navigationMode="linear", submissionMode="individual"
    )
    section = _element(
        part, "assessmentSection", identifier="S-1", title=quiz.title, visible="true"
    )
    for question in quiz.questions:
        _element(
            section,
            "assessmentItemRef",
            identifier=item_id(question),
            href=item_path(question),
        )
    processing = _element(test, "outcomeProcessing")
    total = _element(_set(processing, "SCORE"), "sum")
    _element(total, "testVariables", variableIdentifier="SCORE")
    return test


def item_path(question: Question) -> str:
    return f"items/{question.id}.xml"


def manifest(quiz: Quiz, licence: str, source_url: str) -> ET._Element:
    root = _root("manifest", CP, CP_XSD, identifier=f"M-{quiz.id}-{quiz.lang}")
    metadata = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    ET.SubElement(root, f"{{{CP}}}organizations")
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    test = ET.SubElement(
        resources,
        f"{{{CP}}}resource",
        identifier="R-test",
        type="imsqti_test_xmlv2p1",
        href="test.xml",
    )
    ET.SubElement(test, f"{{{CP}}}file", href="test.xml")
    for question in quiz.questions:
        ET.SubElement(test, f"{{{CP}}}dependency", identifierref=f"R-{question.id}")
    for question in quiz.questions:
        resource = ET.SubElement(
            resources,
            f"{{{CP}}}resource",
            identifier=f"R-{question.id}",
            type="imsqti_item_xmlv2p1",
            href=item_path(question),
        )
        ET.SubElement(resource, f"{{{CP}}}file", href=item_path(question))
    root.insert(0, ET.Comment(f" {quiz.title}. {licence}. {source_url} "))
    return root


def _xml(root: ET._Element) -> bytes:
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def quiz_to_qti(quiz: Quiz, source_url: str, licence: str) -> bytes:
    """The content package as zip bytes, with fixed dates so the same quiz gives the same file."""
    files = {
        "imsmanifest.xml": _xml(manifest(quiz, licence, source_url)),
        "test.xml": _xml(assessment_test(quiz)),
        **{item_path(q): _xml(assessment_item(q, quiz.lang)) for q in quiz.questions},
        "LICENSE.txt": f"{quiz.title}\n{licence}\n{source_url}\n".encode(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()
