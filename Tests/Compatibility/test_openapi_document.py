"""openapi/streamjobs.json is a valid OpenAPI 3.0 document (the Swift OpenAPIDocumentTests check it
against the route table; this checks it against the OpenAPI schema itself)."""
import json
import pathlib

from openapi_spec_validator import validate

DOCUMENT = pathlib.Path(__file__).resolve().parents[2] / "openapi" / "streamjobs.json"


def test_document_is_valid_openapi():
    validate(json.loads(DOCUMENT.read_text()))
