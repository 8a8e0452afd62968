"""The page URL map. Names are global (no namespace) because Django's auth views and the
LOGIN_URL / LOGIN_REDIRECT_URL settings refer to "login" and "home"."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from web.forms import LoginForm, ResetPasswordForm, ResetRequestForm
from web.views import (
    account,
    activity,
    answer,
    audit,
    calendars,
    coordinator,
    hands,
    imports,
    matches,
    notices,
    office,
    onboarding,
    personal_data,
    profiles,
    public,
    requester,
    requests_common,
    volunteer,
    year,
)

auth_patterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        account.ThrottledPasswordResetView.as_view(
            form_class=ResetRequestForm,
            template_name="registration/password_reset_form.html",
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=ResetPasswordForm,
            template_name="registration/password_reset_confirm.html",
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", public.home, name="home"),
    path("about/", public.guide, name="guide"),
    path("terms/", public.terms, name="terms"),
    path("signup/", account.signup, name="signup"),
    path("signup/sent/", account.signup_sent, name="signup_sent"),
    path("signup/verify/<str:token>/", account.verify_email, name="verify_email"),
    path("account/", account.account, name="account"),
    path("account/resend/", account.account_resend, name="account_resend"),
    path(
        "account/logout-everywhere/",
        account.account_logout_everywhere,
        name="account_logout_everywhere",
    ),
    path("account/second-factor/", account.second_factor_page, name="second_factor"),
    *auth_patterns,
    # volunteers
    path("me/", volunteer.home, name="volunteer_home"),
    path("me/profile/", volunteer.profile, name="volunteer_profile"),
    path("me/profile/submit/", volunteer.submit, name="volunteer_submit"),
    path("me/proposals/", volunteer.proposals, name="volunteer_proposals"),
    path("me/activities/", volunteer.activities, name="volunteer_activities"),
    # anyone logged in: their own data (個人情報保護法), and withdrawal for volunteers
    path("me/data/", personal_data.my_data, name="my_data"),
    path("me/data.json", personal_data.my_data_download, {"as_csv": False}, name="my_data_json"),
    path("me/data.csv", personal_data.my_data_download, {"as_csv": True}, name="my_data_csv"),
    path("me/activities/<int:pk>/confirm/", activity.confirm, name="volunteer_confirm_hours"),
    path("me/requests/", hands.open_requests, name="volunteer_requests"),
    path("me/requests/<int:pk>/", hands.request_detail, name="volunteer_request"),
    path("me/pause/", volunteer.pause, name="volunteer_pause"),
    # everyone: notifications, settings, calendars, links from mails
    path("notifications/", notices.inbox, name="notices"),
    path("notifications/settings/", notices.settings_page, name="notice_settings"),
    path("calendar/<str:token>.ics", calendars.feed, name="calendar_feed"),
    path("matches/<int:pk>/calendar.ics", calendars.one_activity, name="match_calendar"),
    path("answer/<str:token>/", answer.answer, name="answer"),
    path("invite/", onboarding.accept_code, name="invite_code"),
    path("invite/<str:token>/", onboarding.accept, name="invite"),
    # shared by the roles; each checks its own permission through the domain
    path("profiles/<int:pk>/edit/", profiles.profile_edit, name="profile_edit"),
    path("profiles/<int:pk>/renew/", year.renew, name="profile_renew"),
    path("profiles/<int:pk>/insurance/", year.set_insurance, name="profile_insurance"),
    path("matches/<int:pk>/move/", matches.move, name="match_move"),
    path("matches/<int:pk>/complete/", matches.complete, name="match_complete"),
    path("requests/<int:pk>/status/", requests_common.set_status, name="request_set_status"),
    path("requests/<int:pk>/edit/", requests_common.edit, name="request_edit"),
    # requesters
    path("requests/", requester.home, name="requester_home"),
    path("requests/new/", requester.request_new, name="requester_request_new"),
    path("requests/<int:pk>/", requester.request_detail, name="requester_request"),
    # coordinators
    path("coord/", coordinator.home, name="coordinator_home"),
    path("coord/screening/", coordinator.screening, name="coordinator_screening"),
    path("coord/profiles/new/", coordinator.profile_new, name="coordinator_profile_new"),
    path("coord/profiles/<int:pk>/", coordinator.profile_detail, name="coordinator_profile"),
    path(
        "coord/profiles/<int:pk>/propose/",
        coordinator.propose_profile,
        name="coordinator_propose_profile",
    ),
    path("coord/requests/", coordinator.requests, name="coordinator_requests"),
    path("coord/requests/new/", coordinator.request_new, name="coordinator_request_new"),
    path("coord/requests/<int:pk>/", coordinator.request_detail, name="coordinator_request"),
    path("coord/requests/<int:pk>/propose/", coordinator.propose, name="coordinator_propose"),
    path("coord/talent/", coordinator.talent_search, name="coordinator_search"),
    path("coord/phone/", notices.phone, name="coordinator_phone"),
    path("coord/phone/<int:pk>/done/", notices.phone_done, name="coordinator_phone_done"),
    path("coord/activities/", activity.overview, name="coordinator_activities"),
    path(
        "coord/activities/<int:pk>/resolve/",
        activity.resolve,
        name="coordinator_activity_resolve",
    ),
    path("coord/organizations/", onboarding.organizations, name="coordinator_organizations"),
    path(
        "coord/organizations/new/",
        onboarding.organization_new,
        name="coordinator_organization_new",
    ),
    path(
        "coord/organizations/<int:pk>/",
        onboarding.organization_detail,
        name="coordinator_organization",
    ),
    path(
        "coord/organizations/<int:pk>/invite/",
        onboarding.organization_invite,
        name="coordinator_organization_invite",
    ),
    path("coord/audit/", audit.audit_log, name="coordinator_audit"),
    path(
        "coord/profiles/<int:pk>/data.json",
        personal_data.profile_data_download,
        {"as_csv": False},
        name="coordinator_profile_data_json",
    ),
    path(
        "coord/profiles/<int:pk>/data.csv",
        personal_data.profile_data_download,
        {"as_csv": True},
        name="coordinator_profile_data_csv",
    ),
    path(
        "coord/profiles/<int:pk>/withdraw/",
        personal_data.profile_withdraw,
        name="coordinator_profile_withdraw",
    ),
    path("coord/import/", imports.upload, name="coordinator_import"),
    path("coord/import/<uuid:pk>/", imports.preview, name="coordinator_import_preview"),
    path("coord/import/<uuid:pk>/done/", imports.done, name="coordinator_import_done"),
    # the office's year: reports, the printable roster, certificates
    path("coord/reports/", office.reports, name="coordinator_reports"),
    path("coord/reports/<str:year>/", office.report, name="coordinator_report"),
    path("coord/roster/", office.roster, name="coordinator_roster"),
    path("certificates/<int:pk>/<str:year>.pdf", office.certificate, name="activity_certificate"),
]
