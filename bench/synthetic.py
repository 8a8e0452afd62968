"""Seeded, synthetic but realistic Japanese profiles and requests for benchmarks.

Texts are assembled sentence by sentence from pools of skills, qualifications, places and
phrasings the way residents and teachers write them (with 表記ゆれ such as 子ども/子供,
パソコン/PC, スマホ/スマートフォン). Everything is a pure function of the seed and the row
number, so two runs (or two processes) generate the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from lib import slots as slots_module

KINDS = ("instructor", "it_volunteer", "school_support")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SKILLS: dict[str, tuple[str, ...]] = {
    "instructor": _words(
        """
            書道 ペン習字 英会話 英語 中国語 韓国語 スペイン語 郷土史 日本史
            茶道 華道 生け花 俳句 短歌 川柳 水墨画 水彩画 油絵 色鉛筆画
            絵手紙 陶芸 料理 和菓子作り そば打ち パン作り 着付け 太極拳 ヨガ
            健康体操 ストレッチ 社交ダンス フラダンス 合唱 コーラス ギター
            ウクレレ ピアノ 三味線 尺八 琴 和太鼓 囲碁 将棋 写真撮影 園芸
            家庭菜園 寄せ植え 手芸 編み物 パッチワーク 刺しゅう 折り紙 紙芝居
            落語 朗読 手話 点字 簿記 歴史散歩 野鳥観察 天体観測 防災
            応急手当 救命講習 栄養学 介護予防 認知症予防 年金の仕組み
            消費者トラブル 相続 終活 マジック 腹話術 けん玉 木工 竹細工
            押し花 アロマ 整理収納 家計管理 漢字 百人一首 能楽 日本舞踊 民謡
            詩吟 カメラ
        """
    ),
    "it_volunteer": _words(
        """
            スマホ スマートフォン パソコン PC ﾊﾟｿｺﾝ タブレット iPad
            LINE Zoom ワード エクセル Word Excel
            パワーポイント インターネット メール 電子メール ホームページ作成
            ウェブサイト プログラミング Scratch Python 動画編集
            写真加工 セキュリティ ネット詐欺対策 オンライン会議 SNS
            年賀状作成 キャッシュレス決済 マイナンバーカード 家計簿アプリ
            地図アプリ 写真の整理 プリンターの設定 Wi-Fi設定
            データのバックアップ ロボット教室 タイピング 電子書籍 オンライン予約
            YouTube
        """
    ),
    "school_support": _words(
        """
            読み聞かせ 絵本の朗読 昔遊び 伝統遊び 学習支援 算数の丸付け
            部活動の補助 校外学習の見守り 登下校の見守り ゲストティーチャー
            職業講話 戦争体験の語り 農業体験 米作り 田植え 図書室の整理
            花壇の手入れ 環境整備 プール指導の補助 ミシン指導 家庭科の補助
            放課後学習 日本語支援 英語活動 総合的な学習 キャリア教育 読書活動
            理科実験の補助 運動会の手伝い 水泳指導 陸上指導 サッカー指導
            野球指導 剣道 柔道 吹奏楽 合唱指導 地域の歴史の授業 福祉体験
            車いす体験 環境学習 食育 ボランティア活動の紹介
        """
    ),
}

JOBS = _words(
    """
        小学校の教員 中学校の教員 高校の教師 養護教諭 保育士 幼稚園教諭
        看護師 保健師 会社員 市役所職員 県職員 銀行員 証券会社の営業
        システムエンジニア プログラマー ネットワーク技術者 図書館司書
        学芸員 農家 料理人 調理師 パン職人 和菓子職人 自営業 消防士
        警察官 郵便局員 新聞記者 編集者 デザイナー 大工 左官 庭師
        栄養士 薬剤師 介護職員 ケアマネジャー 塾講師 事務職 経理
        電気工事士 自動車整備士 鉄道員 バス運転手 書店員 花屋 写真館の店主
        研究員 通訳 翻訳者 ピアノ講師 スポーツインストラクター 主婦
    """
)
QUALIFICATIONS = _words(
    """
        教員免許 小学校教諭免許 中学校教諭一種免許 社会福祉士 介護福祉士
        保育士資格 看護師免許 司書 学芸員資格 日本語教師 書道師範
        茶道の師範 華道の師範 ITパスポート 基本情報技術者 MOS 防災士
        普通救命講習修了 調理師免許 栄養士 英検1級 英検準1級 TOEIC900点
        漢字検定2級 珠算2級 囲碁五段 将棋初段 色彩検定 秘書検定
        ファイナンシャルプランナー 危険物取扱者 第二種電気工事士 宅建
        簿記2級 手話通訳士 認知症サポーター 園芸福祉士 食生活アドバイザー
        健康運動指導士 スポーツ少年団指導員 読み聞かせボランティア講座修了
        ウェブデザイン技能検定 秘書検定2級 ピアノ指導者資格
    """
)
AREAS = _words(
    """
        桜ヶ丘 緑町 本町 東町 西原 北山 南台 中央 川辺 若葉 旭町 栄町
        松原 青葉台 泉町 富士見 宮前 新田 大和 港南
    """
)
AUDIENCES = (
    "子ども", "子供", "こども", "児童", "生徒", "小学生", "中学生", "高校生",
    "高齢者", "シニア", "お年寄り", "親子", "保護者", "地域の方", "初心者",
    "外国籍の方", "教職員", "障がいのある方", "働く世代", "子育て中の方",
)  # fmt: skip
HOBBIES = _words(
    """
        散歩 読書 旅行 釣り 登山 ゴルフ テニス 卓球 映画鑑賞 音楽鑑賞
        ガーデニング 料理 手芸 カメラ 写真 囲碁 将棋 麻雀 カラオケ 俳句
        園芸 ウォーキング 水泳 サイクリング 社交ダンス 陶芸 書道 茶道
        家庭菜園 キャンプ バードウォッチング 鉄道写真 切手収集 落語鑑賞
        歌舞伎鑑賞 美術館めぐり 温泉めぐり 城めぐり 御朱印集め 木工
        パン作り 編み物 ジョギング マラソン ヨガ 太極拳 囲碁将棋 詩吟
    """
)
TOPICS = _words(
    """
        子育て 防犯 交通安全 環境美化 ごみ減量 国際交流 多文化共生
        健康づくり 介護 福祉 まちづくり 商店街 伝統行事 お祭り 盆踊り
        清掃活動 見守り活動 読書推進 生涯学習 公民館活動 自治会活動
        防災訓練 高齢者の居場所 子ども食堂 学習支援 放課後の居場所
        図書館 児童館 老人クラブ スポーツ少年団 町内会 民生委員
        地域猫 花いっぱい運動 リサイクル 里山保全 川の清掃 歴史の継承
    """
)
WEEKDAYS = ("月曜", "火曜", "水曜", "木曜", "金曜", "土曜", "日曜", "平日", "土日", "週末")
BANDS = ("午前", "午後", "夜", "午前中", "夕方", "昼間")

SKILL_TEMPLATES = (
    "{a}や{b}を教えられます。",
    "{a}の指導ができます。",
    "{a}、{b}、{c}",
    "{aud}向けの{a}教室を開けます。",
    "{a}の講師経験があります。",
    "{a}なら初心者の方にも丁寧にお教えします。",
    "{a}（{b}）のお手伝いができます。",
    "{aud}に{a}の楽しさを伝えたいです。",
    "{a}全般。特に{b}が得意です。",
    "{a}の基礎から応用まで。",
    "得意なこと：{a}、{b}",
    "{a}を{aud}と一緒に楽しめます。",
    "{a}のサポート。{b}の相談にものれます。",
    "趣味で続けてきた{a}をお伝えできます。",
    "{a}の体験会や講座の講師。",
    "{a}と{b}。",
    "{aud}への{a}の出前授業",
    "{a}について分かりやすくお話しします。",
)
EXPERIENCE_TEMPLATES = (
    "{y}年間{job}として勤務しました。",
    "元{job}。",
    "{q}を持っています。",
    "{q}、{q2}。",
    "{topic}の講座を{y}回担当しました。",
    "{area}の小学校で{a}のボランティアを{y}年しています。",
    "{job}を定年退職しました。",
    "{job}として{y}年。",
    "資格：{q}",
    "{area}で{a}のサークルを主宰しています。",
    "{event}で{a}の体験コーナーを担当。",
    "{topic}のボランティアを{y}年ほど。",
    "{job}を経て、現在は{topic}に関わっています。",
    "{a}歴{y}年。{q}。",
    "市の{topic}講座の修了生です。",
    "{place}で{a}の教室を{y}年間開いていました。",
)
BIO_TEMPLATES = (
    "{area}在住の{age}代です。",
    "定年後、地域の活動に参加しています。",
    "{aud}の笑顔が励みになっています。",
    "人と話すのが好きです。",
    "{wd}の{band}なら比較的時間があります。",
    "孫が{area}の小学校に通っています。",
    "週に一度くらいなら参加できます。",
    "{hobby}と{hobby2}が趣味です。",
    "{a}を通じて恩返しがしたいと思っています。",
    "はじめての登録ですが、よろしくお願いいたします。",
    "車がないので{area}の近くだと助かります。",
    "{job}だった経験を生かして、{aud}の役に立ちたいです。",
    "{topic}に関心があります。",
    "休日は{hobby}をして過ごしています。",
    "子育てが一段落したので何か始めたいと思いました。",
    "{area}に引っ越してきて{y}年になります。",
    "{topic}の集まりに顔を出しています。",
    "体力には自信があります。",
    "{hobby}仲間と{event}に出ることもあります。",
    "ゆっくり丁寧に説明するよう心がけています。",
    "{aud}と関わる機会を探していました。",
    "夫婦で登録しています。",
    "{wd}は{topic}の用事があるので、それ以外でお願いします。",
    "自転車で{area}と{area2}を回れます。",
    "できることは少ないですが、お役に立てればうれしいです。",
    "パソコンは苦手です。",
    "最近{hobby}を始めました。",
    "{event}の手伝いをしたことがあります。",
)
REQUEST_TITLES = (
    "{a}の講師を探しています",
    "{aud}向け{a}教室の講師募集",
    "{a}のボランティアをお願いします",
    "{a}について話してくださる方",
    "{event}での{a}のお手伝い",
    "{a}のゲストティーチャー",
    "{topic}講座の講師",
    "{a}体験会のスタッフ",
    "{aud}と{a}を楽しむ会",
    "{place}での{a}の指導",
)
REQUEST_SENTENCES = (
    "{org}では{m}月に{aud}を対象に{a}の講座を予定しています。",
    "{a}について{aud}に分かりやすく話していただける方を探しています。",
    "{b}もできる方だと助かります。",
    "{wd}の{band}に{n}回ほどお願いしたいです。",
    "{aud}が{n}人ほど参加する予定です。",
    "会場は{area}の{place}です。",
    "謝礼は少額ですがご用意します。",
    "経験のある方、ぜひご応募ください。",
    "{topic}の一環として企画しました。",
    "道具はこちらで準備します。",
    "初めての試みなので、進め方も相談させてください。",
    "{aud}の安全に配慮していただける方を希望します。",
    "昨年は{b}を取り上げ、好評でした。",
    "{event}に合わせて実施します。",
    "打ち合わせは事前に一度お願いします。",
    "交通費をお支払いします。",
)
ORGS = ("当校", "本校", "公民館", "自治会", "子ども会", "PTA", "地区センター", "NPO",
        "老人クラブ", "図書館", "児童館", "町内会", "商店会", "青少年育成会")  # fmt: skip
EVENTS = ("夏祭り", "文化祭", "地域交流会", "防災訓練", "作品展", "学校公開日", "敬老会",
          "運動会", "餅つき大会", "クリスマス会", "音楽会", "ふるさと祭り", "どんど焼き",
          "バザー", "子ども祭り", "体験学習の日")  # fmt: skip
PLACES = ("体育館", "図書室", "会議室", "多目的室", "調理室", "音楽室", "集会所", "公民館",
          "理科室", "家庭科室", "ふれあい会館", "コミュニティセンター", "校庭", "和室")  # fmt: skip


@dataclass(frozen=True, slots=True)
class SyntheticProfile:
    """One generated profile: the free texts and the attributes the matcher filters on."""

    id: int
    kind: str
    skills: str
    experience: str
    bio: str
    areas: tuple[int, ...]
    availability: int
    published: bool
    last_asked: float | None


@dataclass(frozen=True, slots=True)
class SyntheticRequest:
    """One generated request."""

    id: int
    kind_wanted: str | None
    title: str
    description: str
    area: int
    slots: tuple[int, ...]


def _fill(rng: random.Random, template: str, kind: str) -> str:
    pool = SKILLS[kind]
    values = {
        "a": rng.choice(pool),
        "b": rng.choice(pool),
        "c": rng.choice(SKILLS[rng.choice(KINDS)]),
        "aud": rng.choice(AUDIENCES),
        "y": rng.randint(2, 40),
        "n": rng.randint(2, 30),
        "m": rng.randint(1, 12),
        "job": rng.choice(JOBS),
        "q": rng.choice(QUALIFICATIONS),
        "q2": rng.choice(QUALIFICATIONS),
        "area": rng.choice(AREAS),
        "area2": rng.choice(AREAS),
        "topic": rng.choice(TOPICS),
        "age": rng.choice((50, 60, 70, 80, 40, 30)),
        "wd": rng.choice(WEEKDAYS),
        "band": rng.choice(BANDS),
        "hobby": rng.choice(HOBBIES),
        "hobby2": rng.choice(HOBBIES),
        "org": rng.choice(ORGS),
        "event": rng.choice(EVENTS),
        "place": rng.choice(PLACES),
    }
    return template.format(**values)


def _sentences(rng: random.Random, templates: tuple[str, ...], kind: str, lo: int, hi: int) -> str:
    return "".join(_fill(rng, rng.choice(templates), kind) for _ in range(rng.randint(lo, hi)))


def make_profile(seed: int, i: int) -> SyntheticProfile:
    """The ``i``-th profile of the data set ``seed`` (ids start at 1)."""
    rng = random.Random(seed * 1_000_003 + i)
    kind = KINDS[rng.randrange(3)]
    n_areas = rng.choice((1, 1, 2, 3))
    availability = 0
    for _ in range(rng.randint(2, 9)):
        availability |= slots_module.bit(*divmod(rng.randrange(21), 3))
    asked = rng.random()
    return SyntheticProfile(
        id=i + 1,
        kind=kind,
        skills=_sentences(rng, SKILL_TEMPLATES, kind, 1, 2),
        experience=_sentences(rng, EXPERIENCE_TEMPLATES, kind, 1, 2),
        bio=_sentences(rng, BIO_TEMPLATES, kind, 1, 3),
        areas=tuple(sorted(rng.sample(range(1, len(AREAS) + 1), n_areas))),
        availability=availability,
        published=rng.random() < 0.9,
        last_asked=None if asked < 0.5 else 1_700_000_000.0 + asked * 10_000_000,
    )


def make_request(seed: int, i: int) -> SyntheticRequest:
    """The ``i``-th request of the data set ``seed`` (ids start at 1)."""
    rng = random.Random(seed * 2_000_003 + i)
    kind = KINDS[rng.randrange(3)]
    title = _fill(rng, rng.choice(REQUEST_TITLES), kind)
    description = "".join(
        _fill(rng, t, kind) for t in rng.sample(REQUEST_SENTENCES, rng.randint(2, 5))
    )
    slots: tuple[int, ...] = ()
    if rng.random() < 0.5:
        day = rng.randrange(7)
        band = rng.randrange(3)
        slots = (slots_module.bit(day, band),)
    return SyntheticRequest(
        id=i + 1,
        kind_wanted=kind if rng.random() < 0.5 else None,
        title=title,
        description=description,
        area=rng.randint(1, len(AREAS)),
        slots=slots,
    )
