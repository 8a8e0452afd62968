from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "依頼とマッチング"

    def ready(self):
        # The privacy gate (talent, a layer below) learns a requester's relation to a person
        # from the matches through this hook, so talent never imports matching.
        from common import events
        from matching import index_files
        from matching.selectors import profile_relations
        from talent import privacy

        privacy.register_relation_source(profile_relations)
        # A withdrawal erases the person's words; the saved indexes hold them (index_files).
        events.subscribe(events.PROFILE_WITHDRAWN, index_files.profile_withdrawn)
