"""Forms of the pages, one module per subject. They check the shape of what was typed
(required, lengths, formats) and hand it to the domain services, which apply the rules; the
services' errors are put back on these forms by web.access.add_domain_error."""

from web.forms.accounts import LoginForm, ResetPasswordForm, ResetRequestForm, SignupForm
from web.forms.base import OnceForm
from web.forms.profiles import PaperProfileForm, ProfileForm, ScreeningForm
from web.forms.requests import CompleteForm, RequestForm, RequestForOrganizationForm

__all__ = [
    "CompleteForm",
    "LoginForm",
    "OnceForm",
    "PaperProfileForm",
    "ProfileForm",
    "RequestForOrganizationForm",
    "RequestForm",
    "ResetPasswordForm",
    "ResetRequestForm",
    "ScreeningForm",
    "SignupForm",
]
