from decimal import Decimal

import pytest
from pydantic import ValidationError

from memo.model import Case, Row


def test_amounts_never_pass_through_float():
    row = Row.model_validate({"id": "r", "name": "R", "values": {"a": "4.29", "b": "1 600 000", "c": 7}})
    assert row.values == {"a": Decimal("4.29"), "b": Decimal("1600000"), "c": Decimal(7)}
    with pytest.raises(ValidationError):
        Row.model_validate({"id": "r", "name": "R", "values": {"a": 4.29}})


def test_every_field_has_a_swedish_description():
    schema = Case.model_json_schema()
    missing = []
    for name, definition in [("Case", schema), *schema["$defs"].items()]:
        for field, spec in definition.get("properties", {}).items():
            if "description" not in spec:
                missing.append(f"{name}.{field}")
    assert missing == []
