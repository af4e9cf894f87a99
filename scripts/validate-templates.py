"""Validates every template in model/templates against the committed JSON Schema
(model/schema/cradle-page.schema.json), with the `jsonschema` package: an independent check that
third parties can validate Cradle pages with the schema."""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "model/schema/cradle-page.schema.json").read_text())
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
failed = 0
templates = sorted((root / "model/templates").glob("*.json"))
for path in templates:
    errors = list(validator.iter_errors(json.loads(path.read_text())))
    for error in errors:
        print(f"{path.name}: /{'/'.join(map(str, error.absolute_path))}: {error.message}")
    failed += bool(errors)
print(f"templates against the JSON Schema: {len(templates) - failed} of {len(templates)} valid")
sys.exit(1 if failed else 0)
