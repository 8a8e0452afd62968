"""Names and contact data folded for comparison: is this the same person written differently?

Used by the duplicate detector (talent/duplicates.py). Nothing here is stored for display;
names are always shown as the person wrote them.

- ``name_key``: NFKC (full-width letters, half-width kana, compatibility ideographs), no
  spaces of any width, lower case, and the 異体字 of ``VARIANTS`` folded to their common form
  (髙橋 → 高橋, 山﨑 → 山崎, 渡邉 → 渡辺, 齋藤 → 斎藤).
- ``reading_key``: the reading in hiragana without spaces (サトウ ハナコ → さとうはなこ).
- ``phone_key``: digits only (０９０−１２３４−５６７８ → 09012345678).
- ``email_key``: trimmed and case-folded.
"""

import unicodedata

from lib.text.kana import normalize_reading

# 異体字 (older or variant forms seen in registers) → the form most people type. The pairs are
# the ones Japanese municipal name-matching lists commonly fold; the list is short on purpose:
# folding two characters that are really different names (斉藤 and 斎藤 are different families)
# would merge different people, so those are left apart.
VARIANTS = {
    "髙": "高", "﨑": "崎", "嵜": "崎", "碕": "崎", "邊": "辺", "邉": "辺", "齋": "斎", "齊": "斉",
    "澤": "沢", "濱": "浜", "濵": "浜", "德": "徳", "廣": "広", "國": "国", "櫻": "桜", "眞": "真",
    "實": "実", "惠": "恵", "榮": "栄", "萬": "万", "瀨": "瀬", "冨": "富", "嶋": "島", "嶌": "島",
    "淺": "浅", "壽": "寿", "彌": "弥", "藏": "蔵", "關": "関", "邨": "村", "槇": "槙", "𠮷": "吉",
    "曻": "昇", "傳": "伝", "圓": "円", "條": "条", "驒": "騨", "龍": "竜", "縣": "県", "黑": "黒",
    "絲": "糸", "莊": "荘", "團": "団", "豐": "豊", "鐵": "鉄", "會": "会", "學": "学", "辨": "弁",
}  # fmt: skip
_FOLD = str.maketrans(VARIANTS)


def name_key(name: str) -> str:
    """The name folded for comparison (see the module docstring)."""
    text = unicodedata.normalize("NFKC", name or "")
    return "".join(text.split()).lower().translate(_FOLD)


def reading_key(reading: str) -> str:
    return normalize_reading(reading).replace(" ", "")


def phone_key(phone: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", phone or "") if c.isdigit())


def email_key(email: str) -> str:
    return unicodedata.normalize("NFKC", email or "").strip().casefold()
