def test_audited_code_warnings_are_not_ours() -> None:
    import warnings

    from opengauge.evidence.code_hidden import parse_quietly

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tree = parse_quietly('x = "\\`"\n')
    assert tree.body
