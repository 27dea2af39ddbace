"""How search compares text and which words it shows around a match (db/search.py)."""

from caresystem.db.search import needle, snippet


def test_the_query_is_trimmed_folded_and_refused_when_a_single_letter():
    assert needle("  Radio   GRAPHERS ") == "radio graphers"
    assert needle(" x ") == "" and needle(None) == ""


def test_the_snippet_comes_from_the_first_text_that_matches():
    assert snippet([None, "No match here", "Short of radiographers"], "radiographers") == "Short of radiographers"
    assert snippet(["nothing"], "radiographers") is None


def test_a_long_text_is_cut_around_the_match_with_ellipses():
    words = [f"w{n}" for n in range(40)]
    text = " ".join(words[:20] + ["Radiographers"] + words[20:])
    assert snippet([text], "radiographers") == "…" + " ".join(words[14:20] + ["Radiographers"] + words[20:26]) + "…"
    assert snippet(["Radiographers " + " ".join(words)], "radiographers") == \
        "Radiographers " + " ".join(words[:12]) + "…"


def test_spaces_and_line_breaks_in_the_text_do_not_hide_a_match():
    assert snippet(["shortage of\n  radiographers"], "of radiographers") == "shortage of radiographers"
