"""Display width in a terminal: wide and full-width characters count two columns."""

import pytest

from lib.text.width import display_width, pad, table


@pytest.mark.parametrize(
    "text, width",
    [
        ("abc", 3),
        ("依頼者", 6),
        ("コーディネーター", 16),
        ("ＰＣ", 4),  # full-width Latin
        ("ﾊﾟｿｺﾝ", 5),  # half-width katakana: one column each
        ("が", 2),  # precomposed
        ("か\u3099", 2),  # か + combining voiced mark: still two columns
        ("", 0),
    ],
)
def test_display_width(text, width):
    assert display_width(text) == width


def test_pad_and_table_line_up_by_columns():
    assert pad("依頼者", 8) == "依頼者  "
    assert table([["役割", "名前", "x"], ["コーディネーター", "a", "y"]]) == [
        "  役割              名前  x",
        "  コーディネーター  a     y",
    ]
