"""The second factor (TOTP, django-otp) for staff: where it is required and how it is set up.

``settings.STAFF_SECOND_FACTOR`` (``DJANGO_STAFF_2FA``), chosen by each city:

- ``admin`` (the default): the Django admin asks staff for a code from their authenticator app;
- ``all``: coordinators also need it for every page, and their API token requests carry ``otp``;
- ``off``: no second factor (a city that protects the admin some other way).
"""

from base64 import b32encode

import segno
from django.conf import settings
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.policies import is_staff_member

MODES = ("admin", "all", "off")


def required(user, *, admin: bool) -> bool:
    """Must this login show a second factor for the admin (``admin=True``) or for the pages
    and the API (``admin=False``)?"""
    mode = settings.STAFF_SECOND_FACTOR
    if mode == "off" or not is_staff_member(user):
        return False
    return mode == "all" or admin


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def pending_device(user) -> TOTPDevice:
    """The authenticator being set up (unconfirmed until the first right code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="認証アプリ", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code (no image request, nothing for the CSP)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4)


def secret_b32(device: TOTPDevice) -> str:
    """The key to type in by hand when the QR code cannot be scanned."""
    return b32encode(device.bin_key).decode()


def verify(user, code: str):
    """The confirmed device that accepts ``code``, else None."""
    code = (code or "").strip().replace(" ", "")
    if not code.isdigit():
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(code):
            return device
    return None


def confirm(device: TOTPDevice, code: str) -> bool:
    """The first right code from a new authenticator app confirms it."""
    code = (code or "").strip().replace(" ", "")
    if code.isdigit() and device.verify_token(code):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return True
    return False
