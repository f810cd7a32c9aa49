from memo.errors import CaseError, Location, Problem, UsageError


def test_case_error_lists_problems_in_file_order():
    error = CaseError([
        Problem(Location("c.yaml", 9, 1), "b", "sent"),
        Problem(Location("c.yaml", 2, 5), "a", "tidigt"),
    ])
    assert error.lines() == ["c.yaml:2:5: a: tidigt", "c.yaml:9:1: b: sent"]
    assert error.exit_code == 2


def test_usage_error_exit_code():
    assert UsageError("x").exit_code == 2
