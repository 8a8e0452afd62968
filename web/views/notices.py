"""お知らせ: each person's notifications, their e-mail and calendar settings, and for
coordinators the 「電話で連絡」 list and the mails still waiting to be delivered."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Role
from common.errors import DomainError
from notifications import services as notification_services
from notifications.outbox import email_enabled, inbox_for, phone_list
from schedule import calendar
from web.access import login_required, message_domain_error, role_required

coordinator_only = role_required(Role.COORDINATOR)


@login_required
def inbox(request):
    rows = list(inbox_for(request.user)[:100])
    unread = {n.pk for n in rows if n.read_at is None}
    notification_services.mark_read(user=request.user)
    return render(request, "web/notices/inbox.html", {"rows": rows, "unread": unread})


@login_required
def settings_page(request):
    """E-mail on/off and the private calendar subscription URL (issue, replace, revoke)."""
    user = request.user
    if request.method == "POST":
        what = request.POST.get("action", "")
        if what == "email_on":
            notification_services.preference_set(user=user, email_enabled=True)
            messages.success(request, "お知らせをメールでも受け取ります。")
        elif what == "email_off":
            notification_services.preference_set(user=user, email_enabled=False)
            messages.success(request, "メールを止めました。お知らせはこの画面でご覧いただけます。")
        elif what == "feed_issue":
            calendar.feed_issue(user=user)
            messages.success(
                request, "カレンダーの購読URLを作りました。以前のURLは使えなくなります。"
            )
        elif what == "feed_revoke":
            calendar.feed_revoke(user=user)
            messages.success(request, "カレンダーの購読URLを無効にしました。")
        else:
            messages.error(request, "送信内容が正しくありません。ページを開き直してください。")
        return redirect("notice_settings")
    feed = calendar.feed_for(user)
    return render(
        request,
        "web/notices/settings.html",
        {
            "email_on": email_enabled(user),
            "feed_url": request.build_absolute_uri(f"/calendar/{feed.token}.ics") if feed else "",
        },
    )


@coordinator_only
def phone(request):
    return render(
        request,
        "web/notices/phone.html",
        {"calls": phone_list()[:200], "waiting": notification_services.waiting_mail()[:200]},
    )


@require_POST
@coordinator_only
def phone_done(request, pk: int):
    try:
        done = notification_services.phone_done(actor=request.user, notification_id=pk)
    except DomainError as exc:
        message_domain_error(request, exc)
    else:
        if done:
            messages.success(request, "電話で連絡済みにしました。")
        else:
            messages.info(request, "この連絡はすでに済んでいます。")
    return redirect("coordinator_phone")
