"""Answering a proposal from the mail's link, without a password: the signed link proves who
the mail went to (notifications.links). It answers that one proposal, once; an expired, broken
or someone else's link, or a proposal already answered, gets a page saying so and what to do,
and changes nothing."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.roles import is_coordinator
from accounts.system import SYSTEM
from common.errors import DomainError
from matching.models import Match, MatchStatus
from matching.services import match_set_status
from notifications.links import LinkExpired, LinkInvalid, read_answer_token

ANSWERS = {"accept": MatchStatus.ACCEPTED, "decline": MatchStatus.DECLINED}


def _problem(request, title: str, text: str, status: int):
    return render(request, "web/answer_problem.html", {"title": title, "text": text}, status=status)


@require_http_methods(["GET", "POST"])
def answer(request, token: str):
    try:
        match_id, profile_id = read_answer_token(token)
    except LinkExpired:
        return _problem(
            request,
            "このリンクは有効期限が切れています",
            "お手数ですが、ログインして「依頼の提案」の画面からお答えいただくか、生涯学習課にお電話ください。",
            410,
        )
    except LinkInvalid:
        return _problem(
            request,
            "このリンクは正しくありません",
            "メールのリンクが途中で切れていないかご確認ください。わからないときは生涯学習課にお電話ください。",
            404,
        )
    match = (
        Match.objects.select_related("request__organization", "profile__user")
        .filter(pk=match_id, profile_id=profile_id)
        .first()
    )
    if match is None:
        return _problem(
            request,
            "このご提案は見つかりません",
            "提案が取り下げられた可能性があります。生涯学習課にお問い合わせください。",
            404,
        )
    user = request.user
    if user.is_authenticated and not is_coordinator(user) and match.profile.user_id != user.pk:
        return _problem(
            request,
            "このリンクは別の方あてです",
            "ほかの方に届いたメールのリンクのようです。ご自分あてのメールのリンクを開くか、ログアウトしてからお試しください。",
            403,
        )
    if match.status != MatchStatus.PROPOSED:
        return render(request, "web/answer_done.html", {"match": match, "already": True})
    if request.method == "POST":
        to = ANSWERS.get(request.POST.get("answer", ""))
        if to is None:
            return _problem(
                request, "送信内容が正しくありません", "ページを開き直してください。", 400
            )
        # The volunteer's own login when there is one; a paper registrant answers through the
        # office's system actor, with a note saying it came from the mail's link.
        actor = match.profile.user or SYSTEM
        try:
            match = match_set_status(
                actor=actor, match=match, status=to, note="メールのリンクから回答"
            )
        except DomainError as exc:
            return _problem(request, "お答えを受け付けられませんでした", exc.message, 409)
        return render(request, "web/answer_done.html", {"match": match, "already": False})
    return render(request, "web/answer.html", {"match": match, "req": match.request})
