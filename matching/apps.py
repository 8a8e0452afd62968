from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "依頼とマッチング"

    def ready(self):
        # talent may not import matching (see the README's layers): hand it the one rule of
        # which profiles a requester's confirmed matches open to them.
        from matching.selectors import confirmed_profile_ids
        from talent.selectors import set_confirmed_source

        set_confirmed_source(confirmed_profile_ids)
